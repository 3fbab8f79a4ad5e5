package berth.server;

import berth.platform.PlatformModule;
import berth.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Returns chosen modules (or all) to a clean slate: their own resources first, then their records. */
final class Resetter {
    private static final Logger LOG = LoggerFactory.getLogger(Resetter.class);

    private final Store store;
    private final List<PlatformModule> modules;

    Resetter(Store store, List<PlatformModule> modules) {
        this.store = store;
        this.modules = modules;
    }

    /** @throws IllegalArgumentException naming services that are not modules of this berth */
    synchronized List<String> reset(Collection<String> services) throws Exception {
        Set<String> unknown = new LinkedHashSet<>(services);
        modules.forEach(m -> unknown.remove(m.name()));
        if (!unknown.isEmpty()) throw new IllegalArgumentException("unknown services " + unknown);
        List<PlatformModule> chosen = new ArrayList<>();
        for (PlatformModule module : modules) {
            if (services.isEmpty() || services.contains(module.name())) chosen.add(module);
        }
        long started = System.nanoTime();
        for (PlatformModule module : chosen) {
            module.reset();
            module.storeKindPrefixes().forEach(store::clear);
        }
        List<String> names = chosen.stream().map(PlatformModule::name).toList();
        LOG.info("reset {} in {} ms", names, (System.nanoTime() - started) / 1_000_000);
        return names;
    }
}
