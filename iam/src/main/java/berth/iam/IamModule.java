package berth.iam;

import berth.iam.api.StsService;
import berth.platform.Platform;
import berth.platform.PlatformModule;

/** Identities: STS (and, as it grows, IAM users, roles and policies). Starts first: others sign with it. */
public final class IamModule implements PlatformModule {
    @Override
    public String name() {
        return "iam";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public java.util.List<String> storeKindPrefixes() {
        return java.util.List.of("iam.", "sts.");
    }

    @Override
    public void start(Platform platform) {
        platform.addAwsService(new StsService());
    }
}
