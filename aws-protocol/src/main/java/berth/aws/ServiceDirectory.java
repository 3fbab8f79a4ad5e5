package berth.aws;

import berth.aws.sigv4.SigV4Verifier;
import berth.aws.wire.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds which registered service a request is for, before its signature is checked, so that even a
 * rejected signature is answered in that service's protocol: JSON services by {@code X-Amz-Target}
 * prefix; otherwise by the signing name in the credential scope, and among services sharing it (or
 * for unsigned requests) by REST route or Query {@code Action}.
 */
final class ServiceDirectory {
    private final List<ServedService> services;
    private final Map<String, ServedService> byTargetPrefix = new LinkedHashMap<>();
    private final Map<String, List<ServedService>> bySigningName = new LinkedHashMap<>();

    /**
     * Where a request is going, or why no service was found.
     *
     * @param errorProtocol the protocol to answer in
     * @param xmlNamespace the namespace of Query error documents; empty when none
     * @param unresolvedReason why no service was found; empty when one was
     */
    record Destination(Optional<ServedService> service, Protocol errorProtocol, String xmlNamespace, String unresolvedReason) {
        static Destination of(ServedService service) {
            return new Destination(Optional.of(service), service.model.protocol(), service.model.xmlNamespace(), "");
        }

        static Destination none(Protocol protocol, String reason) {
            return new Destination(Optional.empty(), protocol, "", reason);
        }
    }

    ServiceDirectory(List<ServedService> services) {
        this.services = List.copyOf(services);
        for (ServedService service : services) {
            ServiceModel model = service.model;
            if (!model.targetPrefix().isEmpty() && (model.protocol() == Protocol.AWS_JSON_1_0
                    || model.protocol() == Protocol.AWS_JSON_1_1)) {
                if (byTargetPrefix.putIfAbsent(model.targetPrefix(), service) != null) {
                    throw new IllegalArgumentException("two services answer X-Amz-Target prefix " + model.targetPrefix());
                }
            }
            bySigningName.computeIfAbsent(model.signingName(), name -> new ArrayList<>()).add(service);
        }
    }

    Destination resolve(HttpRequestData request) {
        String target = request.header("x-amz-target");
        if (!target.isEmpty()) {
            int dot = target.lastIndexOf('.');
            String prefix = dot < 0 ? target : target.substring(0, dot);
            ServedService service = byTargetPrefix.get(prefix);
            return service != null ? Destination.of(service)
                    : Destination.none(Protocol.AWS_JSON_1_1, "berth serves no service with X-Amz-Target prefix '" + prefix + "'");
        }
        Optional<String> signingName = SigV4Verifier.claimedService(request);
        if (signingName.isPresent()) {
            List<ServedService> candidates = bySigningName.getOrDefault(signingName.get(), List.of());
            if (candidates.isEmpty()) {
                return Destination.none(guessProtocol(request),
                        "berth serves no service with signing name '" + signingName.get() + "'");
            }
            return Destination.of(pick(candidates, request).orElse(candidates.get(0)));
        }
        return pick(services, request).map(Destination::of).orElseGet(() -> Destination.none(guessProtocol(request),
                "berth cannot tell which service this request is for"));
    }

    /** The candidate a request fits: a REST service routing it, or a Query service with its Action. */
    private static Optional<ServedService> pick(List<ServedService> candidates, HttpRequestData request) {
        for (ServedService service : candidates) {
            if (service.routes(request)) {
                return Optional.of(service);
            }
        }
        if (looksLikeQuery(request)) {
            String action = queryAction(request);
            for (ServedService service : candidates) {
                if (isQuery(service.model.protocol()) && (action.isEmpty() || service.classes.hasOperation(action))) {
                    return Optional.of(service);
                }
            }
        }
        return Optional.empty();
    }

    /** Query and EC2's dialect of it: both name their operation in an {@code Action} parameter. */
    static boolean isQuery(Protocol protocol) {
        return protocol == Protocol.QUERY || protocol == Protocol.EC2;
    }

    private static Protocol guessProtocol(HttpRequestData request) {
        return looksLikeQuery(request) ? Protocol.QUERY : Protocol.AWS_JSON_1_1;
    }

    private static boolean looksLikeQuery(HttpRequestData request) {
        return request.header("content-type").toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                || request.rawQuery().startsWith("Action=") || request.rawQuery().contains("&Action=");
    }

    private static String queryAction(HttpRequestData request) {
        try {
            List<Map.Entry<String, String>> pairs = new ArrayList<>(PercentEncoding.parsePairs(request.rawQuery(), true));
            pairs.addAll(PercentEncoding.parsePairs(new String(request.body(), StandardCharsets.UTF_8), true));
            return pairs.stream().filter(e -> e.getKey().equals("Action")).map(Map.Entry::getValue).findFirst().orElse("");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
