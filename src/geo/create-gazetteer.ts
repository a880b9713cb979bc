import { placeAliases } from './aliases.js';
import { findPlaceMentions, type MatchMode } from './find-place-mentions.js';
import type { Region, ResolveLocation } from './location-resolution.js';
import { createPlaceDirectory, type PlaceDirectory } from './place-directory.js';
import { buildPlaceIndex, type GazetteerData } from './place-index.js';
import { tokenizePlaceText } from './place-text.js';
import { quotePlaceWords } from './quote-place-words.js';
import { resolvePlaceMentions } from './resolve-place-mentions.js';

/** Aceh, Kalimantan Timur, Sulawesi Tenggara: where the programme's MSFs work. */
export const PROGRAMME_PROVINCES: readonly string[] = ['11', '64', '74'];

export interface GazetteerOptions {
  /** Province codes whose districts and villages are indexed; provinces and regencies are always national. */
  detailedProvinces?: readonly string[];
  /** Defaults to the project's list in `aliases.ts`. */
  aliases?: Readonly<Record<string, string>>;
}

export interface Gazetteer {
  /** Finds the place a whole message talks about; cautious, since most words in a complaint are not places. */
  resolveLocation: ResolveLocation;
  /**
   * For the answer to "where is it?" ("Kukar", "samarinda", "desa Sangasanga, kukar"): every word
   * is presumed to be about a place, so one-word village names and typos count without a keyword.
   */
  resolveLocationReply: ResolveLocation;
  /** The region with this official code, e.g. to render `{{regency}}` from a stored report. */
  region: (code: string) => Region | undefined;
  /** Search by name and name-by-code for staff screens, over the same index. */
  places: PlaceDirectory;
}

export function createGazetteer(data: GazetteerData, options: GazetteerOptions = {}): Gazetteer {
  const index = buildPlaceIndex(
    data,
    options.detailedProvinces ?? PROGRAMME_PROVINCES,
    options.aliases ?? placeAliases,
  );
  const resolve =
    (mode: MatchMode): ResolveLocation =>
    (text) => {
      const tokens = tokenizePlaceText(text);
      const { resolution, used } = resolvePlaceMentions(
        findPlaceMentions(tokens, index, mode),
        index.regions,
      );
      const quoted = quotePlaceWords(text, tokens, used);
      return quoted === undefined ? resolution : { ...resolution, text: quoted };
    };
  return {
    resolveLocation: resolve('text'),
    resolveLocationReply: resolve('reply'),
    region: (code) => index.regions.get(code),
    places: createPlaceDirectory(index),
  };
}
