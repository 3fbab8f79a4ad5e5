package berth.apprunner.control;

import java.util.HashMap;
import java.util.Map;

/**
 * The base image each App Runner runtime builds on. berth names the language's official image
 * (which the Docker engine must have or be able to pull); {@code BERTH_APPRUNNER_RUNTIME_IMAGES}
 * ({@code RUNTIME=IMAGE,...}, e.g. {@code PYTHON_3=registry.local/python:3}) replaces any of them.
 */
final class RuntimeImages {
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("PYTHON_3", "python:3.8"), Map.entry("PYTHON_311", "python:3.11"),
            Map.entry("NODEJS_12", "node:12"), Map.entry("NODEJS_14", "node:14"), Map.entry("NODEJS_16", "node:16"),
            Map.entry("NODEJS_18", "node:18"), Map.entry("NODEJS_22", "node:22"),
            Map.entry("CORRETTO_8", "amazoncorretto:8"), Map.entry("CORRETTO_11", "amazoncorretto:11"),
            Map.entry("GO_1", "golang:1.18"), Map.entry("DOTNET_6", "mcr.microsoft.com/dotnet/sdk:6.0"),
            Map.entry("PHP_81", "php:8.1"), Map.entry("RUBY_31", "ruby:3.1"));

    private final Map<String, String> images;

    RuntimeImages(Map<String, String> images) {
        this.images = Map.copyOf(images);
    }

    static RuntimeImages fromEnvironment(Map<String, String> env) {
        Map<String, String> images = new HashMap<>(DEFAULTS);
        String configured = env.getOrDefault("BERTH_APPRUNNER_RUNTIME_IMAGES", "");
        for (String entry : configured.split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) images.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return new RuntimeImages(images);
    }

    String baseImage(String runtime) {
        String image = images.get(runtime);
        if (image == null) throw new IllegalStateException("no base image for runtime " + runtime);
        return image;
    }
}
