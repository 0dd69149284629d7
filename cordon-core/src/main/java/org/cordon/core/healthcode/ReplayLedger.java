package org.cordon.core.healthcode;

import it.unimi.dsi.fastutil.longs.Long2ObjectMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which code tokens were already shown at which place, until they expire: the online checker's replay
 * ledger ({@link CodeTokenVerifier.NonceLedger} per place). A token is remembered at least until its
 * expiry plus {@code slack} (at least the verifier's clock skew, so it cannot come back between the two)
 * and forgotten by the first {@link #forgetExpired} a minute after that.
 *
 * <p>A busy city remembers millions of (token, venue) pairs: every check of the last few minutes. They
 * are kept as primitive nonces in one set per place, key id and minute of forgetting (a token's expiry
 * is signed into it, so a replay always looks in the set where its first use went), about 20 bytes a
 * pair and no object per pair: a map of strings and boxed times cost some 140 bytes and an object graph
 * the garbage collector copied and scanned, and forgetting meant a scan of all of them instead of
 * dropping whole minutes. Thread-safe; places lock independently.
 */
public final class ReplayLedger {

  /** The minute's bits of a bucket key: it stays far below 2^40 for millennia. */
  private static final long MINUTE_BITS = (1L << 40) - 1;

  private final long slackSeconds;
  private final Map<String, Place> places = new ConcurrentHashMap<>();

  /** @param slack how long past its expiry a token is still remembered (not negative) */
  public ReplayLedger(Duration slack) {
    if (slack.isNegative()) {
      throw new IllegalArgumentException("slack must not be negative, got " + slack);
    }
    this.slackSeconds = slack.getSeconds();
  }

  /** The ledger of one place, for the verifier. */
  public CodeTokenVerifier.NonceLedger at(String place) {
    return token -> firstUse(place, token);
  }

  /** Records {@code token} as shown at {@code place}; false if it already was (a replay). */
  public boolean firstUse(String place, CodeToken token) {
    return places.computeIfAbsent(place, p -> new Place()).firstUse(token.keyId(), token.nonce(),
        forgetMinute(token.expiresAt().getEpochSecond()));
  }

  /** Gives {@code token} back to {@code place} (its check was not recorded), so it may be shown again. */
  public void release(String place, CodeToken token) {
    Place p = places.get(place);
    if (p != null) {
      p.release(token.keyId(), token.nonce(), forgetMinute(token.expiresAt().getEpochSecond()));
    }
  }

  /**
   * Remembers a token shown at {@code place} whose expiry is not known (a check read back after a
   * restart holds only the key id and nonce) until {@code untilEpochSecond}: until then it is a replay
   * whatever expiry it carries.
   */
  public void rememberUntil(String place, int keyId, long nonce, long untilEpochSecond) {
    places.computeIfAbsent(place, p -> new Place()).remember(keyId, nonce, untilEpochSecond);
  }

  /** Forgets every token whose time to be remembered ended before {@code now}. */
  public void forgetExpired(Instant now) {
    long second = now.getEpochSecond();
    for (Place p : places.values()) {
      p.forgetBefore(second);
    }
  }

  /** Number of (token, place) pairs remembered. */
  public long size() {
    long n = 0;
    for (Place p : places.values()) {
      n += p.size();
    }
    return n;
  }

  /** The minute after whose end a token expiring at {@code expiresAt} may be forgotten. */
  private long forgetMinute(long expiresAt) {
    return Math.floorDiv(expiresAt + slackSeconds + 59, 60);
  }

  // key id (u16 on the wire) above the minute
  private static long bucketKey(int keyId, long minute) {
    return ((long) keyId << 40) | (minute & MINUTE_BITS);
  }

  /** One place's nonces; every method holds the place's lock. */
  private static final class Place {
    private final Long2ObjectOpenHashMap<LongOpenHashSet> byKeyAndMinute = new Long2ObjectOpenHashMap<>();
    /** Read back after a restart: checked for every token until their time ends. */
    private final List<ReadBack> readBack = new ArrayList<>(0);

    synchronized boolean firstUse(int keyId, long nonce, long minute) {
      for (ReadBack r : readBack) {
        if (r.keyId() == keyId && r.nonces().contains(nonce)) {
          return false;
        }
      }
      long bucket = bucketKey(keyId, minute);
      LongOpenHashSet nonces = byKeyAndMinute.get(bucket);
      if (nonces == null) {
        nonces = new LongOpenHashSet();
        byKeyAndMinute.put(bucket, nonces);
      }
      return nonces.add(nonce);
    }

    synchronized void release(int keyId, long nonce, long minute) {
      LongOpenHashSet nonces = byKeyAndMinute.get(bucketKey(keyId, minute));
      if (nonces != null) {
        nonces.remove(nonce);
      }
    }

    synchronized void remember(int keyId, long nonce, long until) {
      for (ReadBack r : readBack) {
        if (r.keyId() == keyId && r.until() == until) {
          r.nonces().add(nonce);
          return;
        }
      }
      ReadBack r = new ReadBack(keyId, until, new LongOpenHashSet());
      r.nonces().add(nonce);
      readBack.add(r);
    }

    synchronized void forgetBefore(long second) {
      var it = byKeyAndMinute.long2ObjectEntrySet().fastIterator();
      while (it.hasNext()) {
        Long2ObjectMap.Entry<LongOpenHashSet> e = it.next();
        long minute = e.getLongKey() & MINUTE_BITS;
        if (minute * 60 < second) {
          it.remove();
        }
      }
      readBack.removeIf(r -> r.until() < second);
    }

    synchronized long size() {
      long n = 0;
      for (LongOpenHashSet s : byKeyAndMinute.values()) {
        n += s.size();
      }
      for (ReadBack r : readBack) {
        n += r.nonces().size();
      }
      return n;
    }
  }

  private record ReadBack(int keyId, long until, LongOpenHashSet nonces) {
  }
}
