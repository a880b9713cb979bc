import type { Language } from '../flows/flow-schema.js';
import { wordsOf } from './normalize-text.js';

// Function words and mining words that tell the two languages apart in a short SMS. Words both
// languages share ("tambang" aside, "status", "info", "ok") are left out on purpose.
const ENGLISH = new Set(
  'the a an is are was were be been my our we i you they there this that these those of in on at to from with and or not no please help hello hi good morning evening thanks thank report river water mine mining company village near polluted pollution dirty illegal permit land tax money road dust flood our my has have had it its what where when how who why do does did can cannot dont about because very'.split(
    ' ',
  ),
);
const INDONESIAN = new Set(
  'yang di ke dari dan atau tidak tdk gak ga nggak ada kami kita saya sy aku kamu ini itu sudah sdh udah belum blm akan sangat sekali karena krn dengan dgn untuk utk tolong tlg mohon mhn pak bu bapak ibu halo selamat pagi siang sore malam terima kasih makasih sungai air tambang perusahaan desa kampung gampong dekat tercemar kotor keruh izin ijin pajak uang jalan debu banjir lubang warga masyarakat apa mana kapan bagaimana siapa kenapa mengapa juga lagi sama mau bisa'.split(
    ' ',
  ),
);

/**
 * The language of a citizen's message, or null when it gives no clear sign (a number, "ok", a code).
 * Ties go to null so the caller keeps Bahasa Indonesia without remembering a guess.
 */
export function detectLanguage(text: string): Language | null {
  let en = 0;
  let id = 0;
  for (const word of wordsOf(text)) {
    if (ENGLISH.has(word)) en += 1;
    if (INDONESIAN.has(word)) id += 1;
  }
  if (en > id) return 'en';
  if (id > en) return 'id';
  return null;
}
