package org.babylab.runtime.cli;

import org.babylab.api.BabyLabApi;
import picocli.CommandLine.IVersionProvider;

/** Prints the runtime and API versions. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String impl = BabyLabCommand.class.getPackage().getImplementationVersion();
        return new String[] {"babylab " + (impl == null ? "dev" : impl) + " (plugin API " + BabyLabApi.VERSION + ")"};
    }
}
