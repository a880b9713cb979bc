/** The export bench's partner, shared by the orchestrator (which creates it) and each side process. */
export const BENCH_PARTNER = 'Bench partner (everything)';
/** The bench's own PII key: the partner's pseudonym key is sealed with it in one process, opened in another. */
export const BENCH_PII_KEY = Buffer.alloc(32, 7);
