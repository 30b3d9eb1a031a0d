package dev.plugboard.sentry.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * Reads an answer's body into memory up to a limit, counted after decompression (the client inflates gzip and
 * deflate before the body reaches here, so a small compressed body that inflates to gigabytes is stopped at the
 * limit, not after it filled the heap). Past the limit the read fails with {@link TooLarge}, and the web client
 * resets the connection: the rest of the body is never read.
 */
final class CappedBody implements BodyStream<Buffer> {
    /** The body grew past the limit. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        TooLarge(long limit) {
            super("the answer's body is larger than " + limit + " bytes", null, false, false);
            this.limit = limit;
        }

        /** @return the limit in bytes */
        long limit() {
            return limit;
        }
    }

    private final long limit;
    private final Buffer body = Buffer.buffer();
    private final Promise<Buffer> result = Promise.promise();
    private long received;

    private CappedBody(long limit) {
        this.limit = limit;
    }

    /**
     * @param limit the most bytes a body may have, after decompression
     * @return a codec reading bodies of at most that size
     */
    static BodyCodec<Buffer> codec(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the body limit must be positive, got " + limit);
        }
        return () -> new CappedBody(limit);
    }

    @Override
    public Future<Buffer> result() {
        return result.future();
    }

    @Override
    public void handle(Throwable failure) {
        result.tryFail(failure);
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (result.future().isComplete()) {
            return result.future().failed() ? Future.failedFuture(result.future().cause()) : Future.succeededFuture();
        }
        received += data.length();
        if (received > limit) {
            TooLarge e = new TooLarge(limit);
            result.tryFail(e);
            return Future.failedFuture(e);
        }
        body.appendBuffer(data);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
        result.tryComplete(body);
        return result.future().failed() ? Future.failedFuture(result.future().cause()) : Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        return this;
    }
}
