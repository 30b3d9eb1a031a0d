package dev.plugboard.host.sync;

import dev.plugboard.host.runtime.Retrier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Helpers shared by the sync tests. */
final class SyncTesting {
    private SyncTesting() {
    }

    /** @return the text with the summary's duration zeroed */
    static String withoutDuration(String jsonl) {
        return jsonl.replaceAll("\"durationMillis\":\\d+", "\"durationMillis\":0");
    }

    /** @return the text without the summary line's run figures */
    static String withoutRunFigures(String jsonl) {
        return jsonl.replaceAll(",\"run\":\\{[^}]*}", "");
    }

    static SyncJob job(FakeResourceSync plugin, SyncOptions options) {
        SyncStats stats = new SyncStats();
        return new SyncJob("fake", Map.of("token", "s3cret"), plugin, options, Retrier.none(), stats,
                SyncListener.none(), System::nanoTime);
    }

    static String syncToString(FakeResourceSync plugin, SyncOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job(plugin, options).toStream(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
