package io.jobqueue.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua scripts that make every state change of a queue one atomic step. Each is
 * {@code prelude.lua} followed by its own files (the two that verify the keys share
 * {@code ownership.lua}; the heartbeat scripts, which do not act on a queue, start with
 * {@code heartbeat_head.lua} instead); its SHA-1 is computed here, so a call goes out as EVALSHA and the body is
 * only sent when the server does not know it yet (first use, or after a restart emptied the script
 * cache).
 */
enum Script {
    SUBMIT("submit.lua"),
    /** submit of messages with unique keys: stores a message only when no holder of its key is in scope. */
    SUBMIT_UNIQUE("unique.lua", "submit_unique.lua"),
    /** the holder of a unique key; changes nothing. */
    FIND_UNIQUE("unique.lua", "find_unique.lua"),
    RESERVE("reserve.lua"),
    RELEASE("release.lua"),
    ABORT("abort.lua"),
    FINISH("finish.lua"),
    /** finish of a queue that keeps its finished messages (retainFinished). */
    FINISH_KEPT("history.lua", "finish_kept.lua"),
    /** reserve of a queue that keeps its finished messages: prunes the history first. */
    RESERVE_KEPT("history.lua", "reserve_prune.lua", "reserve.lua"),
    /** cancel by id: removes or marks (history.lua for the kept messages and their pruning). */
    CANCEL("history.lua", "cancel.lua"),
    /** reserve of a queue with a concurrency or rate limit (history pruning as RESERVE_KEPT). */
    RESERVE_LIMITED("history.lua", "reserve_prune.lua", "limits.lua", "reserve_limited.lua"),
    /** finish, release, abort and cancel of a queue with a concurrency limit: wake the reservers it held back. */
    FINISH_LIMITED("limits_wake.lua", "finish.lua"),
    FINISH_KEPT_LIMITED("history.lua", "limits_wake.lua", "finish_kept.lua"),
    RELEASE_LIMITED("limits_wake.lua", "release.lua"),
    ABORT_LIMITED("limits_wake.lua", "abort.lua"),
    CANCEL_LIMITED("history.lua", "limits_wake.lua", "cancel.lua"),
    EXTEND("extend.lua"),
    RETRY("retry.lua"),
    PEEK("peek.lua"),
    COUNTS("counts.lua"),
    FAILED("failed.lua"),
    LIST_DELAYED("list_delayed.lua"),
    FIND("find.lua"),
    DELETE_FAILED("delete_failed.lua"),
    OWNER("ownership.lua", "owner.lua"),
    FLUSH("ownership.lua", "flush.lua"),
    HEARTBEAT_PUBLISH(false, "heartbeat_head.lua", "heartbeat_publish.lua"),
    HEARTBEAT_REMOVE(false, "heartbeat_head.lua", "heartbeat_remove.lua"),
    HEARTBEAT_LIST(false, "heartbeat_head.lua", "heartbeat_list.lua");

    private final String body;
    private final String sha;

    Script(String... files) {
        this(true, files);
    }

    /** A script of its files, after {@code prelude.lua} when it is a queue's script (whose KEYS are the queue's). */
    Script(boolean queueScript, String... files) {
        StringBuilder text = new StringBuilder(queueScript ? read("prelude.lua") : "");
        for (String file : files) {
            text.append('\n').append(read(file));
        }
        body = text.toString();
        sha = sha1(body);
    }

    /** The whole script text. */
    String body() {
        return body;
    }

    /** The SHA-1 by which the server knows the script. */
    String sha() {
        return sha;
    }

    private static String read(String file) {
        try (InputStream in = Script.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script " + file, e);
        }
    }

    private static String sha1(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
