import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { ChannelAdapter, Provider } from './channel-adapter.js';
import type { WebhookEventSink } from './webhook-event-sink.js';

/** A provider as running in this process: its adapter and, where it has them, health and lifecycle. */
export interface Channel {
  adapter: ChannelAdapter;
  /** Per gateway (an Android phone): 'ok' or what is wrong, for /readyz details. */
  health?(): Promise<Record<string, string>>;
  /** A verified webhook arrived from this gateway: it is alive. */
  webhookReceived?(source: string | undefined): void;
  /** Send-queue pace across all worker processes (BullMQ limiter); the default suits API providers. */
  sendRate?: { max: number; durationMs: number };
  /** Started by worker processes: sockets, monitors. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export interface ChannelContext {
  logger: Logger;
  /** The producer connection (fails fast when Redis is down). */
  redis: Redis;
  queuePrefix: string;
  clock?: () => Date;
}

/** What every channel's webhook plugin receives; it is registered under /webhooks/<provider>. */
export interface ChannelRouteOptions {
  /** Null when the channel is disabled: its webhooks answer 503 with `disabled`. */
  channel: Channel | null;
  disabled: string;
  config: Config;
  events: WebhookEventSink;
  redis: Redis;
  queuePrefix: string;
  publicUrl: string | undefined;
}

/** One provider, one module: its config slice is in config.ts's schema; this builds and serves it. */
export interface ChannelModule {
  provider: Provider;
  /** Null when the configuration leaves the channel disabled. */
  create(config: Config, context: ChannelContext): Channel | null;
  routes: FastifyPluginAsync<ChannelRouteOptions>;
}
