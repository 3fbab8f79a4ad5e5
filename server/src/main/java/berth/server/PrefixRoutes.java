package berth.server;

import berth.platform.RequestClaim;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plain HTTP services that modules register once the endpoint is already listening (so they can
 * know its address): those that claim a request by its head first ({@link RequestClaim}, in the order
 * added), then those under path prefixes, where the longest matching prefix wins; anything else goes
 * to the AWS endpoint.
 */
final class PrefixRoutes implements HttpService {
    private record Route(String prefix, HttpService service) {}

    private record Claimed(RequestClaim claim, HttpService service) {}

    private final List<Claimed> claims = new CopyOnWriteArrayList<>();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final HttpService fallback;

    PrefixRoutes(HttpService fallback) {
        this.fallback = fallback;
    }

    void add(String prefix, HttpService service) {
        routes.add(new Route(prefix, service));
        routes.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
    }

    void add(RequestClaim claim, HttpService service) {
        claims.add(new Claimed(claim, service));
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        for (Claimed claimed : claims) {
            if (claimed.claim().claims(req.headers())) {
                return claimed.service().serve(ctx, req);
            }
        }
        String path = ctx.path();
        for (Route route : routes) {
            if (path.startsWith(route.prefix()) || (path + "/").equals(route.prefix())) {
                return route.service().serve(ctx, req);
            }
        }
        return fallback.serve(ctx, req);
    }
}
