package berth.s3.core;

import java.util.regex.Pattern;

/** S3's bucket naming rules (general purpose buckets): 3–63 lower-case letters, digits, dots and hyphens. */
public final class BucketNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private BucketNames() {}

    public static boolean valid(String name) {
        return NAME.matcher(name).matches() && !name.contains("..") && !name.contains(".-") && !name.contains("-.")
                && !IP.matcher(name).matches() && !name.startsWith("xn--") && !name.startsWith("sthree-")
                && !name.endsWith("-s3alias") && !name.endsWith("--ol-s3");
    }

    public static String arn(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    public static String objectArn(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }
}
