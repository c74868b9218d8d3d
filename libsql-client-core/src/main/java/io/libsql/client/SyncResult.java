package io.libsql.client;

/**
 * What one {@link Client#sync()} of an embedded replica did: how many frames (page images) it
 * applied to the local file and the primary's frame number the replica has now reached.
 *
 * <p>Immutable and thread-safe. {@code frameNo} is the replication index of the last transaction
 * the replica holds (the same counter sqld reports as {@code replication_index}), or -1 while the
 * replica holds nothing yet.
 */
public final class SyncResult {
  private final long framesApplied;
  private final long frameNo;

  /**
   * A result; the client creates these.
   *
   * @param frameNo the frame number the replica reached
   * @param framesApplied frames applied to the local file
   */
  public SyncResult(long framesApplied, long frameNo) {
    this.framesApplied = framesApplied;
    this.frameNo = frameNo;
  }

  /**
   * The frames written to the local file by this sync; 0 when the replica was already up to date.
   *
   * @return the number of frames applied
   */
  public long framesApplied() {
    return framesApplied;
  }

  /**
   * The primary's frame number (replication index) the replica has reached, or -1 when empty.
   *
   * @return the frame number
   */
  public long frameNo() {
    return frameNo;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SyncResult && ((SyncResult) o).framesApplied == framesApplied
        && ((SyncResult) o).frameNo == frameNo;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(framesApplied) * 31 + Long.hashCode(frameNo);
  }

  @Override
  public String toString() {
    return "SyncResult[framesApplied=" + framesApplied + ", frameNo=" + frameNo + "]";
  }
}
