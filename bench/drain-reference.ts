/**
 * The drain bench's baseline, run in its own process: a naive worker that takes each job off one BullMQ
 * queue and INSERTs it into a table, nothing else, at the same concurrency as Suara's inbound workers
 * (one per partition). Runs until SIGTERM.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  maxRetriesPerRequest: null,
});
const worker = new Worker(
  'naive',
  async (job) => {
    await pool.query('insert into naive_drain (job_id, payload) values ($1, $2)', [job.id, job.data]);
  },
  {
    connection,
    prefix: process.env.BENCH_QUEUE_PREFIX ?? 'naive',
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 8),
  },
);
worker.on('error', () => {});
process.once('SIGTERM', () => {
  void worker
    .close()
    .then(() => pool.end())
    .then(() => connection.quit())
    .finally(() => process.exit(0));
});
