/**
 * The {@code jobqueue} command ({@link io.jobqueue.cli.JobQueueCli}): one picocli command per
 * original command, the settings lookup, the user class path, output as tables or JSON.
 */
package io.jobqueue.cli;
