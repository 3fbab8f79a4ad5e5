package berth.ec2.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.ec2.core.EcsOptimizedImages;
import berth.ec2.core.Ec2Errors;
import berth.ec2.core.Filters;
import berth.ec2.core.Image;
import berth.ec2.core.InstanceTypes;
import berth.ec2.core.KeyPair;
import berth.ec2.core.Tag;
import berth.ec2.state.Ec2Records;
import berth.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.*;

/** What can be launched (instance types, ECS-optimized images) and key pairs. */
final class CatalogApi {
    private static final Filters<InstanceTypes.Type> TYPE_FILTERS = Filters.<InstanceTypes.Type>of(t -> List.of())
            .field("instance-type", InstanceTypes.Type::name).field("vcpu-info.default-vcpus", InstanceTypes.Type::vcpus)
            .field("memory-info.size-in-mib", InstanceTypes.Type::memoryMiB)
            .field("processor-info.supported-architecture", InstanceTypes.Type::architecture)
            .field("burstable-performance-supported", InstanceTypes.Type::burstable)
            .field("free-tier-eligible", InstanceTypes.Type::freeTierEligible)
            .field("hypervisor", InstanceTypes.Type::hypervisor);
    private static final Filters<Image> IMAGE_FILTERS = Filters.<Image>of(i -> List.of())
            .field("image-id", Image::id).field("name", Image::name).field("architecture", Image::architecture)
            .field("owner-alias", i -> Image.AMAZON_ALIAS).field("owner-id", i -> Image.AMAZON_OWNER_ID)
            .field("state", i -> "available").field("is-public", i -> true).field("image-type", i -> "machine")
            .field("root-device-type", i -> "ebs").field("virtualization-type", i -> "hvm")
            .field("description", Image::description).field("platform-details", i -> "Linux/UNIX");
    private static final Filters<KeyPair> KEY_FILTERS = Filters.of(KeyPair::tags)
            .field("key-name", KeyPair::name).field("key-pair-id", KeyPair::id).field("fingerprint", KeyPair::fingerprint)
            .field("key-type", KeyPair::type);

    private final Ec2Records records;
    private final Clock clock;

    CatalogApi(Ec2Records records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    DescribeInstanceTypesResponse instanceTypes(DescribeInstanceTypesRequest request, RequestContext ctx) {
        for (String name : request.instanceTypesAsStrings()) {
            if (InstanceTypes.find(name).isEmpty()) {
                throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("The following supplied instance types do not exist: [" + name + "]");
            }
        }
        var filter = TYPE_FILTERS.predicate(Requests.specs(request.filters()));
        List<InstanceTypes.Type> found = InstanceTypes.all().stream().filter(filter)
                .filter(t -> request.instanceTypesAsStrings().isEmpty() || request.instanceTypesAsStrings().contains(t.name()))
                .sorted(java.util.Comparator.comparing(InstanceTypes.Type::name)).toList();
        var page = Requests.page(found, request.nextToken(), request.maxResults(), 100, InstanceTypes.Type::name);
        return DescribeInstanceTypesResponse.builder().instanceTypes(page.items().stream().map(CatalogApi::type).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    private static InstanceTypeInfo type(InstanceTypes.Type t) {
        return InstanceTypeInfo.builder().instanceType(t.name()).currentGeneration(true).freeTierEligible(t.freeTierEligible())
                .supportedUsageClassesWithStrings("on-demand", "spot").supportedRootDeviceTypesWithStrings("ebs")
                .supportedVirtualizationTypesWithStrings("hvm").bareMetal(false).hypervisor(t.hypervisor())
                .burstablePerformanceSupported(t.burstable())
                .processorInfo(p -> p.supportedArchitecturesWithStrings(t.architecture()).sustainedClockSpeedInGhz(t.clockSpeedGhz()))
                .vCpuInfo(v -> v.defaultVCpus(t.vcpus()).defaultCores(Math.max(1, t.vcpus() / 2))
                        .defaultThreadsPerCore(t.vcpus() > 1 ? 2 : 1))
                .memoryInfo(m -> m.sizeInMiB(t.memoryMiB())).instanceStorageSupported(false)
                .ebsInfo(e -> e.ebsOptimizedSupport("default").encryptionSupport("supported").nvmeSupport("required"))
                .networkInfo(n -> n.networkPerformance("Up to 5 Gigabit").maximumNetworkInterfaces(3).ipv4AddressesPerInterface(10)
                        .ipv6Supported(true).enaSupport("required"))
                .placementGroupInfo(g -> g.supportedStrategiesWithStrings("partition", "spread"))
                .hibernationSupported(false).dedicatedHostsSupported(false).autoRecoverySupported(true)
                .supportedBootModesWithStrings("legacy-bios", "uefi").build();
    }

    DescribeImagesResponse images(DescribeImagesRequest request, RequestContext ctx) {
        List<Image> all = EcsOptimizedImages.of(ctx.region());
        for (String id : request.imageIds()) {
            if (!id.matches("ami-[0-9a-f]{8,17}")) throw Ec2Errors.AMI_MALFORMED.exception("Invalid id: \"" + id + "\"");
            if (all.stream().noneMatch(i -> i.id().equals(id))) {
                throw Ec2Errors.AMI_NOT_FOUND.exception("The image id '[" + id + "]' does not exist");
            }
        }
        var filter = IMAGE_FILTERS.predicate(Requests.specs(request.filters()));
        boolean ownerMatches = request.owners().isEmpty() || request.owners().stream()
                .anyMatch(o -> o.equals(Image.AMAZON_ALIAS) || o.equals(Image.AMAZON_OWNER_ID));
        List<software.amazon.awssdk.services.ec2.model.Image> images = all.stream().filter(filter)
                .filter(i -> ownerMatches && (request.imageIds().isEmpty() || request.imageIds().contains(i.id())))
                .map(CatalogApi::image).toList();
        return DescribeImagesResponse.builder().images(images).build();
    }

    private static software.amazon.awssdk.services.ec2.model.Image image(Image i) {
        return software.amazon.awssdk.services.ec2.model.Image.builder().imageId(i.id()).name(i.name()).description(i.description())
                .architecture(i.architecture()).ownerId(Image.AMAZON_OWNER_ID).imageOwnerAlias(Image.AMAZON_ALIAS)
                .state("available").publicLaunchPermissions(true).imageType("machine").rootDeviceType("ebs")
                .rootDeviceName("/dev/xvda").virtualizationType("hvm").hypervisor("xen").enaSupport(true)
                .platformDetails("Linux/UNIX").usageOperation("RunInstances").creationDate(i.createdAt().toString())
                .imageLocation("amazon/" + i.name()).bootMode(i.architecture().equals("arm64") ? "uefi" : "uefi-preferred")
                .blockDeviceMappings(BlockDeviceMapping.builder().deviceName("/dev/xvda").ebs(e -> e.deleteOnTermination(true)
                        .volumeSize(30).volumeType("gp2").encrypted(false)).build())
                .build();
    }

    CreateKeyPairResponse createKeyPair(CreateKeyPairRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        String name = keyName(request.keyName());
        String type = request.keyTypeAsString() == null ? "rsa" : request.keyTypeAsString();
        if (request.keyFormatAsString() != null && !request.keyFormatAsString().equals("pem")) {
            throw Ec2Errors.unsupported("key format " + request.keyFormatAsString());
        }
        java.security.KeyPair generated;
        try {
            generated = type.equals("ed25519") ? KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
                    : rsa();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] privateDer = generated.getPrivate().getEncoded();
        String material = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(privateDer) + "\n-----END PRIVATE KEY-----";
        String fingerprint = digest(type.equals("ed25519") ? "SHA-256" : "SHA-1", privateDer);
        KeyPair key = new KeyPair(scope.accountId(), scope.region(), name, records.ids().next("key"), type, fingerprint,
                "", clock.instant(), Tagging.forResource(request.tagSpecifications(), "key-pair"));
        save(key);
        return CreateKeyPairResponse.builder().keyName(name).keyPairId(key.id()).keyFingerprint(fingerprint)
                .keyMaterial(material).tags(Shapes.tags(key.tags())).build();
    }

    private static java.security.KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    ImportKeyPairResponse importKeyPair(ImportKeyPairRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        String name = keyName(request.keyName());
        if (request.publicKeyMaterial() == null) {
            throw Ec2Errors.MISSING_PARAMETER.exception("The request must contain the parameter PublicKeyMaterial");
        }
        String text = request.publicKeyMaterial().asUtf8String().strip();
        String[] parts = text.split("\\s+");
        if (parts.length < 2 || !(parts[0].equals("ssh-rsa") || parts[0].equals("ssh-ed25519"))) {
            throw Ec2Errors.KEY_FORMAT.exception("Key is not in valid OpenSSH public key format");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw Ec2Errors.KEY_FORMAT.exception("Key is not in valid OpenSSH public key format");
        }
        String type = parts[0].equals("ssh-rsa") ? "rsa" : "ed25519";
        KeyPair key = new KeyPair(scope.accountId(), scope.region(), name, records.ids().next("key"), type,
                digest(type.equals("rsa") ? "MD5" : "SHA-256", blob), parts[0] + " " + parts[1], clock.instant(),
                Tagging.forResource(request.tagSpecifications(), "key-pair"));
        save(key);
        return ImportKeyPairResponse.builder().keyName(name).keyPairId(key.id()).keyFingerprint(key.fingerprint())
                .tags(Shapes.tags(key.tags())).build();
    }

    private void save(KeyPair key) {
        try {
            records.keyPairs.save(key, Store.ABSENT);
        } catch (berth.store.VersionConflict e) {
            throw Ec2Errors.KEY_PAIR_DUPLICATE.exception("The keypair already exists");
        }
    }

    DescribeKeyPairsResponse describeKeyPairs(DescribeKeyPairsRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        List<KeyPair> all = records.keyPairs.list(scope.prefix());
        for (String name : request.keyNames()) {
            if (all.stream().noneMatch(k -> k.name().equals(name))) {
                throw Ec2Errors.KEY_PAIR_NOT_FOUND.exception("The key pair '" + name + "' does not exist");
            }
        }
        List<KeyPair> found = Requests.select(all, KeyPair::id, request.keyPairIds(), KEY_FILTERS.predicate(
                Requests.specs(request.filters())), id -> Ec2Errors.KEY_PAIR_NOT_FOUND.exception("The key pair '" + id
                + "' does not exist")).stream().filter(k -> request.keyNames().isEmpty() || request.keyNames().contains(k.name()))
                .toList();
        boolean withKey = Requests.isTrue(request.includePublicKey());
        return DescribeKeyPairsResponse.builder().keyPairs(found.stream().map(k -> Shapes.keyPair(k, withKey)).toList()).build();
    }

    DeleteKeyPairResponse deleteKeyPair(DeleteKeyPairRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        records.keyPairs.listVersioned(scope.prefix()).stream()
                .filter(k -> k.value().name().equals(request.keyName()) || k.value().id().equals(request.keyPairId()))
                .findFirst().ifPresent(k -> records.keyPairs.remove(scope.key(k.value().name()), k.version()));
        return DeleteKeyPairResponse.builder().returnValue(true).build();
    }

    private static String keyName(String name) {
        String checked = NetworkApi.required(name, "KeyName");
        if (checked.length() > 255) throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Key name must be at most 255 characters");
        return checked;
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance(algorithm).digest(bytes);
            if (algorithm.equals("SHA-256")) return Base64.getEncoder().withoutPadding().encodeToString(d) + "=";
            return HexFormat.ofDelimiter(":").formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
