/**
 * Everyday Indonesian (and some English and regional) words from citizens' messages that are a
 * village's name, or one typo away from one: "rusak" (damaged) is one letter from the villages
 * Reusak and Resak, "bukan" (not) from Bukuan, "tutup" (closed) is a village in Aceh. Like
 * `commonPlaceWords`, a place named only by these words needs evidence (a level keyword, a capital
 * letter inside a sentence, or the regency next to it) and none of them is typo-corrected into a place.
 *
 * Found by reading every word of the labelled messages, flows/slang.yaml and flows/categories.yaml as
 * an answer to "where?" and keeping those that came back as a place; add to it when a transcript
 * shows a word taken for a village. Leave out words that are mostly places ("santan", "sambutan").
 */
export const ordinaryWords: ReadonlySet<string> = new Set(
  `
 bahasa bahaya bantuan bapak batuk bayar benar bener betul bilang buang bukaan bukan bunyi dah dampak datang
 demam depan dinding gatau gue harus janan jangan janji kagak kalo kambing kayak kenyataan kepdes kering
 label labels lambat lampu langsung lapor ledak legal lelang lewat lihat longsoran makan mancing mandi mantap
 masuk menang mereka mesin meter minggu mining mulai napa napas noise orang padam pagar palak paling pasang
 pasca patok pelayanan pengaduan rencong retak rumput rusak saham sampah sarana sedang sekarang semalam sesak
 siang siram slang sogok susah tambng tanaman tanda tangan tanpa tanya tebang tebing tenggelam tongkang
 tumpah tumpang tuntut tutup warna ureung handak kulu bribes suara gatal parah hancur jebol ambruk retak
 roboh amblas tercemar cemar bau busuk hitam merah kuning coklat keruh tenggelam mati sakit batuk sesak
 hujan panas dingin angin kabut gelap terang malam pagi sore kemarin besok lusa tadi nanti sudah belum
 tolong bantu minta mohon kapan dimana mana siapa kenapa mengapa bagaimana gimana berapa apa
 ganti rugi bayar uang duit gaji upah harga murah mahal hutang utang janji tipu bohong curang
 warga masyarakat petani nelayan anak ibu bapak kakek nenek pemuda guru murid sekolah masjid gereja
 rumah kebun sawah ladang kolam sumur sungai laut pantai danau rawa hutan gunung bukit jalan jembatan
 truk mobil motor kapal alat berat ekskavator tambang galian lubang tanah batu pasir debu asap lumpur
 limbah minyak solar oli kimia racun ikan udang ayam sapi kerbau tanaman padi sawit karet kelapa pisang
 perusahaan kontraktor pemerintah dinas kantor desa kades camat bupati gubernur polisi tentara aparat
 izin ijin pajak royalti dana bantuan sumbangan pungli suap sogok setoran
 the river water mine mining dust road company village people flood land permit tax money
 `
    .split(/\s+/)
    .filter((w) => w !== ''),
);
