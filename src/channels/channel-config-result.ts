/**
 * A channel's configuration slice, resolved: `config` null means the channel is disabled (`disabled` says
 * which variables to set, for start-up warnings and the webhook's 503); an error stops start-up.
 */
export type ChannelConfigResult<T> =
  | { ok: true; config: T; disabled?: undefined }
  | { ok: true; config: null; disabled: string }
  | { ok: false; error: string };
