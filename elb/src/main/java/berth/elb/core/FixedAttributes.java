package berth.elb.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Load balancer attributes whose one value is what berth's data plane does, by load balancer type:
 * no access, connection or health check logs (there is no S3 to write them to), X-Forwarded-For
 * appended without the client port, headers passed as received, HTTP/2 only where a TLS listener could
 * negotiate it (berth has none, so the setting changes nothing), no WAF, cross-zone routing as the
 * type fixes it. They are described with that value and may be set to it; another value is refused
 * rather than kept without effect.
 */
public final class FixedAttributes {
    private static final Map<String, String> COMMON = new LinkedHashMap<>();
    private static final Map<String, String> APPLICATION = new LinkedHashMap<>();
    private static final Map<String, String> NETWORK = new LinkedHashMap<>();

    static {
        COMMON.put("access_logs.s3.enabled", "false");
        COMMON.put("access_logs.s3.bucket", "");
        COMMON.put("access_logs.s3.prefix", "");
        COMMON.put("zonal_shift.config.enabled", "false");
        APPLICATION.putAll(COMMON);
        APPLICATION.put("connection_logs.s3.enabled", "false");
        APPLICATION.put("connection_logs.s3.bucket", "");
        APPLICATION.put("connection_logs.s3.prefix", "");
        APPLICATION.put("health_check_logs.s3.enabled", "false");
        APPLICATION.put("health_check_logs.s3.bucket", "");
        APPLICATION.put("health_check_logs.s3.prefix", "");
        APPLICATION.put("routing.http2.enabled", "true");
        APPLICATION.put("routing.http.drop_invalid_header_fields.enabled", "false");
        APPLICATION.put("routing.http.desync_mitigation_mode", "defensive");
        APPLICATION.put("routing.http.preserve_host_header.enabled", "false");
        APPLICATION.put("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false");
        APPLICATION.put("routing.http.xff_client_port.enabled", "false");
        APPLICATION.put("routing.http.xff_header_processing.mode", "append");
        APPLICATION.put("waf.fail_open.enabled", "false");
        APPLICATION.put("load_balancing.cross_zone.enabled", "true");
        NETWORK.putAll(COMMON);
        NETWORK.put("load_balancing.cross_zone.enabled", "false");
        NETWORK.put("dns_record.client_routing_policy", "any_availability_zone");
    }

    private static final Map<String, String> HTTP_LISTENER = Map.of("routing.http.response.server.enabled", "true");
    private static final Map<String, String> TCP_LISTENER = Map.of("tcp.idle_timeout.seconds", "350");

    private FixedAttributes() {}

    /**
     * A listener's attributes: HTTP listeners name themselves {@code Server: awselb/2.0} in their own
     * answers; TCP listeners keep idle flows for 350 seconds.
     */
    public static Map<String, String> ofListener(ListenerProtocol protocol) {
        return protocol == ListenerProtocol.HTTP ? HTTP_LISTENER : TCP_LISTENER;
    }

    /** The fixed attributes of a load balancer type with their values, in a stable order. */
    public static Map<String, String> of(LoadBalancerType type) {
        return type == LoadBalancerType.APPLICATION ? APPLICATION : NETWORK;
    }

    /** The value berth holds {@code key} at for {@code type}, when it is one of these attributes. */
    public static Optional<String> value(LoadBalancerType type, String key) {
        return Optional.ofNullable(of(type).get(key));
    }
}
