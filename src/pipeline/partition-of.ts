/**
 * Picks the inbound partition for a contact from its keyed address hash (hex). Every message of one
 * contact lands in the same partition, and each partition is consumed one job at a time.
 */
export function partitionOf(addressHash: string, partitions: number): number {
  return Number.parseInt(addressHash.slice(0, 8), 16) % partitions;
}
