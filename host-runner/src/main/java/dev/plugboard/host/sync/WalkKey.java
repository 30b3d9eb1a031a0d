package dev.plugboard.host.sync;

import java.util.Arrays;

/**
 * A position in the sync's depth-first walk, as a path of numbers compared element by element (a prefix sorts
 * first). The output is written in key order, which is what makes it deterministic whatever order the concurrent
 * calls complete in:
 * <ul>
 *   <li>{@code []}: the resource type records;</li>
 *   <li>{@code [t]}: the top-level resource listing of the t-th selected type; a listing's page {@code p} is at
 *       {@code listing + [p]};</li>
 *   <li>resource {@code i} of a resource page at {@code K} is at {@code K + [i]}; its entitlements listing at
 *       {@code K + [i, 0]}, its grants listing at {@code K + [i, 1]} and its c-th child type's listing at
 *       {@code K + [i, 2 + c]}.</li>
 * </ul>
 * Immutable.
 */
public final class WalkKey implements Comparable<WalkKey> {
    /** The first position: the resource type records. */
    public static final WalkKey ROOT = new WalkKey(new int[0]);

    private final int[] path;

    private WalkKey(int[] path) {
        this.path = path;
    }

    /**
     * @param path the numbers, each at least 0
     * @return the key
     */
    public static WalkKey of(int... path) {
        for (int p : path) {
            if (p < 0) {
                throw new IllegalArgumentException("walk key numbers must not be negative: " + Arrays.toString(path));
            }
        }
        return new WalkKey(path.clone());
    }

    /** @return a copy of the path */
    public int[] path() {
        return path.clone();
    }

    /**
     * @param more numbers to append
     * @return this key extended
     */
    public WalkKey child(int... more) {
        int[] p = Arrays.copyOf(path, path.length + more.length);
        System.arraycopy(more, 0, p, path.length, more.length);
        return of(p);
    }

    /** @return the key with its last number one higher (the next page of the same listing) */
    public WalkKey next() {
        if (path.length == 0) {
            throw new IllegalStateException("the root has no next key");
        }
        int[] p = path.clone();
        p[p.length - 1]++;
        return new WalkKey(p);
    }

    /** @return the key without its last number (a page's listing) */
    public WalkKey parent() {
        if (path.length == 0) {
            throw new IllegalStateException("the root has no parent key");
        }
        return new WalkKey(Arrays.copyOf(path, path.length - 1));
    }

    /** @return the last number */
    public int last() {
        if (path.length == 0) {
            throw new IllegalStateException("the root has no last number");
        }
        return path[path.length - 1];
    }

    @Override
    public int compareTo(WalkKey o) {
        return Arrays.compare(path, o.path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalkKey k && Arrays.equals(path, k.path);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(path);
    }

    @Override
    public String toString() {
        return Arrays.toString(path);
    }
}
