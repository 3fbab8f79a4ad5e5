package berth.server;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.server.ServiceRequestContext;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.concurrent.CompletableFuture;

/** Reads a request body to its end and throws it away, up to a cap; completes when done or cut off. */
final class BodyDrain {
    private BodyDrain() {}

    static CompletableFuture<Void> drain(HttpRequest request, ServiceRequestContext ctx, long maxBytes) {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        request.subscribe(new Subscriber<HttpObject>() {
            private Subscription subscription;
            private long seen;

            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(HttpObject object) {
                if (object instanceof HttpData data) {
                    seen += data.length();
                    data.close();
                    if (seen > maxBytes) {
                        subscription.cancel();
                        drained.complete(null);
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                drained.complete(null);
            }

            @Override
            public void onComplete() {
                drained.complete(null);
            }
        }, ctx.eventLoop());
        return drained;
    }
}
