package io.jobqueue.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code jobqueue --version}: the version in the jar's manifest, or "development build". */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = JobQueueCli.class.getPackage().getImplementationVersion();
        return new String[] {"jobqueue " + (version == null ? "(development build)" : version)};
    }
}
