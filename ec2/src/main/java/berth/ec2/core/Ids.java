package berth.ec2.core;

/** Where new resource ids come from: {@code PREFIX-} and 17 hex digits ({@code vpc-0a1b2c3d4e5f67890}). */
@FunctionalInterface
public interface Ids {
    String next(String prefix);
}
