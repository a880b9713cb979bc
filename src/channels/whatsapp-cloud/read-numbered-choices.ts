/** One option of a numbered menu as the flows render it ("1=Ya 2=Perizinan 3=Pendapatan"). */
export interface NumberedChoice {
  number: string;
  label: string;
}

const MENU_START = /(?:^|\s)([1-9])=/;

/**
 * The options of the numbered menu in a reply, consecutively numbered, when it has at least two: the
 * flows render a choice question's options as "1=Ya 2=Perizinan 3=Lainnya" (see `renderOptions`; a
 * category correction offers "2=Perizinan 3=Pendapatan 4=Lainnya");
 * a label runs to the next option's number, the last one to the end of its sentence. Null when the text
 * holds no such menu, so the reply goes as plain text.
 */
export function readNumberedChoices(text: string): NumberedChoice[] | null {
  const start = MENU_START.exec(text);
  if (!start) return null;
  let rest = text.slice(start.index + start[0].length);
  const choices: NumberedChoice[] = [];
  for (let n = Number(start[1]); ; n += 1) {
    const next = new RegExp(`\\s${n + 1}=`).exec(rest);
    if (!next) {
      const label = /^[^.,;:!?\n]*/.exec(rest)?.[0].trim() ?? '';
      if (label) choices.push({ number: String(n), label });
      break;
    }
    const label = rest.slice(0, next.index).trim();
    if (!label || /[.;:!?\n=]/.test(label)) return null;
    choices.push({ number: String(n), label });
    rest = rest.slice(next.index + next[0].length);
  }
  return choices.length >= 2 ? choices : null;
}
