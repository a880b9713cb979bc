/**
 * What a provider answers when the media download job asks it for one attachment. Each channel adapter
 * that receives media implements `fetchMedia` (see `ChannelAdapter`) with its own credentials, which it
 * holds from configuration: the job itself carries only the stored media's id.
 */
export type MediaFetchResult =
  | {
      ok: true;
      /** The type the provider declares for the bytes (its Content-Type), if it says. */
      contentType: string | null;
      /** The size the provider announces (Content-Length), if it does: checked before reading anything. */
      declaredBytes?: number;
      /**
       * The bytes. A web `ReadableStream` (a `fetch` body), a Node `Readable` or any other async iterable
       * of chunks: the job reads it chunk by chunk and stops at `MEDIA_MAX_BYTES`.
       */
      body: AsyncIterable<Uint8Array>;
    }
  /**
   * `retry: true` for what may pass (network errors, timeouts, 429, 5xx): the job tries again with
   * backoff. `retry: false` when asking again cannot help (404, a reference this provider cannot read).
   * `error` is shown to staff on the report: no phone number, no credentials, no URL with a token.
   */
  | { ok: false; retry: boolean; error: string };

/**
 * Downloads one attachment a citizen sent, by the reference the adapter put in `InboundMessage.media[].url`
 * (Twilio's media URL, `whatsapp-cloud:media/<id>`, a Baileys message key...). `signal` aborts the request
 * and the body when the job gives up (the size limit, a timeout, shutdown).
 */
export type FetchMedia = (ref: string, signal: AbortSignal) => Promise<MediaFetchResult>;
