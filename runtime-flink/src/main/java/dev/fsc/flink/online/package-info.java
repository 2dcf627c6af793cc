/**
 * The online store (Contract §4): Redis and an embedded local-disk store behind
 * {@link dev.fsc.common.online.OnlineStore}, and the {@code fsc-online} upsert table sink that writes
 * tiles into either.
 */
package dev.fsc.flink.online;
