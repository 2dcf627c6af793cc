/**
 * The store-independent half of online serving: the {@link dev.fsc.common.online.OnlineStore} interface
 * both stores implement (Redis, embedded), the key layout, the tile encoding, the view descriptor the
 * compiler emits, and the read-time tile merge — the same merge the batch point-in-time join does.
 */
package dev.fsc.common.online;
