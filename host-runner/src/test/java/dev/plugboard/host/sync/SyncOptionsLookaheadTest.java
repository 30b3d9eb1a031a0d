package dev.plugboard.host.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyncOptionsLookaheadTest {
    @Test
    void theLookaheadGrowsWithTheHeapBetweenItsBounds() {
        assertThat(SyncOptions.lookaheadFor(32L << 20)).isEqualTo(10_000);
        assertThat(SyncOptions.lookaheadFor(256L << 20)).isEqualTo(65_536);
        assertThat(SyncOptions.lookaheadFor(2L << 30)).isEqualTo(524_288);
        assertThat(SyncOptions.lookaheadFor(64L << 30)).isEqualTo(1_000_000);
    }
}
