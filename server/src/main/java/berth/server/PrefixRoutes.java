package berth.server;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plain HTTP services that modules register under path prefixes once the endpoint is already
 * listening (so they can know its address); the longest matching prefix wins, anything else goes to
 * the AWS endpoint.
 */
final class PrefixRoutes implements HttpService {
    private record Route(String prefix, HttpService service) {}

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final HttpService fallback;

    PrefixRoutes(HttpService fallback) {
        this.fallback = fallback;
    }

    void add(String prefix, HttpService service) {
        routes.add(new Route(prefix, service));
        routes.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        String path = ctx.path();
        for (Route route : routes) {
            if (path.startsWith(route.prefix()) || (path + "/").equals(route.prefix())) {
                return route.service().serve(ctx, req);
            }
        }
        return fallback.serve(ctx, req);
    }
}
