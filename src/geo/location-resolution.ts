export type RegionLevel = 'province' | 'regency' | 'district' | 'village';

/** A region of Indonesia with its official (Kemendagri) code, e.g. `64.02` for Kutai Kartanegara. */
export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
}

/** What the gazetteer found in a piece of free text. */
export interface LocationResolution {
  province?: Region;
  regency?: Region;
  district?: Region;
  village?: Region;
  /** Set when the text names a place that matches several regions of the same level and nothing disambiguates. */
  ambiguous?: { level: RegionLevel; candidates: Region[] };
  /** The words of the text that named the place, as the citizen wrote them ("desa Loa Ipuh, Kukar"). */
  text?: string;
}

export type ResolveLocation = (text: string) => LocationResolution;
