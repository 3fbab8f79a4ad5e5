package berth.apprunner.api;

import berth.apprunner.core.AppService;
import berth.apprunner.core.CustomDomain;
import berth.apprunner.state.AppRunnerRecords;
import berth.aws.RequestContext;
import berth.platform.RecordTable.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apprunner.model.AssociateCustomDomainRequest;
import software.amazon.awssdk.services.apprunner.model.AssociateCustomDomainResponse;
import software.amazon.awssdk.services.apprunner.model.DescribeCustomDomainsRequest;
import software.amazon.awssdk.services.apprunner.model.DescribeCustomDomainsResponse;
import software.amazon.awssdk.services.apprunner.model.DisassociateCustomDomainRequest;
import software.amazon.awssdk.services.apprunner.model.DisassociateCustomDomainResponse;

/** A service's custom domains: each a host-header rule to the service, made by the control loop. */
final class CustomDomainApi {
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9*.-]{1,255}");
    private static final int MAX_DOMAINS = 5;

    private final AppRunnerRecords records;
    private final Runnable changed;

    CustomDomainApi(AppRunnerRecords records, Runnable changed) {
        this.records = records;
        this.changed = changed;
    }

    AssociateCustomDomainResponse associate(AssociateCustomDomainRequest r, RequestContext ctx) {
        Versioned<AppService> found = find(ctx, r.serviceArn());
        AppService s = found.value();
        String domain = r.domainName().toLowerCase();
        if (!DOMAIN.matcher(domain).matches()) throw AppRunnerErrors.INVALID_REQUEST.exception("Invalid DomainName: " + domain);
        if (s.domains().stream().anyMatch(d -> d.domainName().equals(domain))) {
            throw AppRunnerErrors.INVALID_REQUEST.exception("Domain " + domain + " is already associated with the service");
        }
        if (s.domains().size() >= MAX_DOMAINS) {
            throw AppRunnerErrors.SERVICE_QUOTA_EXCEEDED.exception("A service can have at most " + MAX_DOMAINS + " custom domains");
        }
        CustomDomain added = new CustomDomain(domain, r.enableWWWSubdomain() == null || r.enableWWWSubdomain(), "CREATING", "");
        List<CustomDomain> domains = new ArrayList<>(s.domains());
        domains.add(added);
        save(s.withDomains(domains), found.version());
        return AssociateCustomDomainResponse.builder().serviceArn(s.arn()).dnsTarget(dnsTarget(s)).customDomain(toSdk(added))
                .vpcDNSTargets(List.of()).build();
    }

    DescribeCustomDomainsResponse describe(DescribeCustomDomainsRequest r, RequestContext ctx) {
        AppService s = find(ctx, r.serviceArn()).value();
        return DescribeCustomDomainsResponse.builder().serviceArn(s.arn()).dnsTarget(dnsTarget(s))
                .customDomains(s.domains().stream().map(CustomDomainApi::toSdk).toList()).vpcDNSTargets(List.of()).build();
    }

    DisassociateCustomDomainResponse disassociate(DisassociateCustomDomainRequest r, RequestContext ctx) {
        Versioned<AppService> found = find(ctx, r.serviceArn());
        AppService s = found.value();
        String domain = r.domainName().toLowerCase();
        CustomDomain current = s.domains().stream().filter(d -> d.domainName().equals(domain)).findFirst()
                .orElseThrow(() -> AppRunnerErrors.RESOURCE_NOT_FOUND.exception("Domain " + domain
                        + " is not associated with the service"));
        CustomDomain deleting = current.deleting();
        save(s.withDomains(s.domains().stream().map(d -> d == current ? deleting : d).toList()), found.version());
        return DisassociateCustomDomainResponse.builder().serviceArn(s.arn()).dnsTarget(dnsTarget(s))
                .customDomain(toSdk(deleting)).vpcDNSTargets(List.of()).build();
    }

    /** Where the domain's DNS should point: the service's own host name (its port is the listener's). */
    private static String dnsTarget(AppService s) {
        return s.urlHost();
    }

    private static software.amazon.awssdk.services.apprunner.model.CustomDomain toSdk(CustomDomain d) {
        return software.amazon.awssdk.services.apprunner.model.CustomDomain.builder().domainName(d.domainName())
                .enableWWWSubdomain(d.enableWww()).status(d.status()).certificateValidationRecords(List.of()).build();
    }

    private Versioned<AppService> find(RequestContext ctx, String arn) {
        return records.serviceByArn(arn).filter(v -> v.value().scope().equals(ctx.scope()))
                .orElseThrow(() -> AppRunnerErrors.serviceNotFound(arn));
    }

    private void save(AppService s, long version) {
        try {
            records.save(s, version);
        } catch (berth.store.VersionConflict e) {
            throw AppRunnerErrors.INVALID_STATE.exception("Service " + s.arn() + " changed meanwhile; try again");
        }
        changed.run();
    }
}
