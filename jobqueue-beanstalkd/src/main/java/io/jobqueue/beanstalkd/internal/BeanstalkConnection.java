package io.jobqueue.beanstalkd.internal;

import io.jobqueue.beanstalkd.BeanstalkdException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One TCP connection speaking the beanstalkd text protocol: commands are written into a buffer
 * (so many can be sent in one write, as the protocol allows), replies are read in order, each with
 * its data chunk of exactly the announced length. Knows nothing of commands' meaning; see
 * {@link BeanstalkClient}.
 *
 * <p>Not thread-safe: one owner at a time. After an I/O failure, or when an exception leaves
 * replies unread, the connection is {@link #isUsable() unusable} and must be closed.
 */
final class BeanstalkConnection implements Closeable {

    private static final int MAX_LINE = 1024;

    private final Endpoint endpoint;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] readBuffer = new byte[16 * 1024];
    private int readPos;
    private int readLimit;
    private byte[] writeBuffer = new byte[16 * 1024];
    private int writePos;
    private int unread;
    private int currentTimeoutMillis = -1;
    private boolean broken;

    private BeanstalkConnection(Endpoint endpoint, Socket socket) throws IOException {
        this.endpoint = endpoint;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects, or throws a {@link BeanstalkdException} that says which server could not be reached. */
    static BeanstalkConnection open(Endpoint endpoint) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()),
                    (int) Math.max(1, endpoint.connectTimeout().toMillis()));
            return new BeanstalkConnection(endpoint, socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new BeanstalkdException("cannot connect to " + endpoint.describe() + " (queue '"
                    + endpoint.queueName() + "'): " + e.getMessage() + "; is beanstalkd running there?",
                    endpoint.queueName(), null, e);
        }
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Appends a command line; CRLF is added. Names and numbers only, so ASCII. */
    void command(String line) {
        ensureCapacity(line.length() + 2);
        for (int i = 0; i < line.length(); i++) {
            writeBuffer[writePos++] = (byte) line.charAt(i);
        }
        writeBuffer[writePos++] = '\r';
        writeBuffer[writePos++] = '\n';
        unread++;
    }

    /** Appends a command line followed by a data chunk of exactly {@code body.length} bytes and CRLF. */
    void commandWithBody(String line, byte[] body) {
        command(line);
        ensureCapacity(body.length + 2);
        System.arraycopy(body, 0, writeBuffer, writePos, body.length);
        writePos += body.length;
        writeBuffer[writePos++] = '\r';
        writeBuffer[writePos++] = '\n';
    }

    /** Sends everything appended so far. */
    void flush() {
        if (writePos == 0) {
            return;
        }
        try {
            out.write(writeBuffer, 0, writePos);
            out.flush();
        } catch (IOException e) {
            throw failure("sending to", e);
        } finally {
            writePos = 0;
            if (writeBuffer.length > 256 * 1024) {
                writeBuffer = new byte[16 * 1024]; // do not keep a huge buffer after a large job
            }
        }
    }

    /** Reads the next reply, waiting at most the endpoint's reply timeout. */
    Reply read() {
        return read(endpoint.replyTimeout());
    }

    /** Reads the next reply, waiting at most {@code timeout} (a blocking reserve waits longer). */
    Reply read(Duration timeout) {
        flush();
        if (unread <= 0) {
            broken = true;
            throw new IllegalStateException("no reply is due on this connection");
        }
        try {
            setTimeout(timeout);
            String line = readLine();
            byte[] body = null;
            if (line.startsWith("RESERVED ") || line.startsWith("FOUND ")) {
                body = readChunk(Reply.secondNumber(line), line);
            } else if (line.startsWith("OK ")) {
                body = readChunk(Reply.parse(line, null).number(), line);
            }
            unread--;
            Reply reply = Reply.parse(line, body);
            if (reply.is("EXPECTED_CRLF")) {
                broken = true; // the server lost track of where our data ended
            }
            return reply;
        } catch (SocketTimeoutException e) {
            throw failure("waiting " + timeout.toMillis() + " ms in vain for a reply from", e);
        } catch (IOException e) {
            throw failure("reading from", e);
        }
    }

    /** True while no I/O failed and no reply is left unread. */
    boolean isUsable() {
        return !broken && unread == 0 && !socket.isClosed();
    }

    @Override
    public void close() {
        broken = true;
        closeQuietly(socket);
    }

    private void ensureCapacity(int more) {
        if (writePos + more > writeBuffer.length) {
            int size = writeBuffer.length;
            while (size < writePos + more) {
                size *= 2;
            }
            byte[] bigger = new byte[size];
            System.arraycopy(writeBuffer, 0, bigger, 0, writePos);
            writeBuffer = bigger;
        }
    }

    private void setTimeout(Duration timeout) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        if (millis != currentTimeoutMillis) {
            socket.setSoTimeout(millis);
            currentTimeoutMillis = millis;
        }
    }

    private String readLine() throws IOException {
        int scanned = 0; // bytes after readPos known to hold no CRLF start
        while (true) {
            for (int i = readPos + scanned; i + 1 < readLimit; i++) {
                if (readBuffer[i] == '\r' && readBuffer[i + 1] == '\n') {
                    String line = new String(readBuffer, readPos, i - readPos, StandardCharsets.US_ASCII);
                    readPos = i + 2;
                    return line;
                }
            }
            if (readLimit - readPos > MAX_LINE) {
                broken = true;
                throw new IOException("a reply line longer than " + MAX_LINE + " bytes; is this a beanstalkd server?");
            }
            scanned = Math.max(0, readLimit - readPos - 1);
            fill();
        }
    }

    private byte[] readChunk(long length, String line) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 2) {
            broken = true;
            throw new IOException("a reply with an unreadable length: '" + line + "'");
        }
        byte[] body = new byte[(int) length];
        int copied = 0;
        while (copied < body.length) {
            if (readPos == readLimit) {
                if (body.length - copied >= readBuffer.length) {
                    int n = in.read(body, copied, body.length - copied); // large chunk: no double copy
                    if (n < 0) {
                        throw new EOFException("the server closed the connection");
                    }
                    copied += n;
                    continue;
                }
                fill();
            }
            int n = Math.min(body.length - copied, readLimit - readPos);
            System.arraycopy(readBuffer, readPos, body, copied, n);
            readPos += n;
            copied += n;
        }
        while (readLimit - readPos < 2) {
            fill();
        }
        if (readBuffer[readPos] != '\r' || readBuffer[readPos + 1] != '\n') {
            broken = true;
            throw new IOException("a data chunk not followed by CRLF after '" + line + "'");
        }
        readPos += 2;
        return body;
    }

    /** Reads more bytes, keeping the unread ones at the start of the buffer. */
    private void fill() throws IOException {
        if (readPos > 0) {
            System.arraycopy(readBuffer, readPos, readBuffer, 0, readLimit - readPos);
            readLimit -= readPos;
            readPos = 0;
        }
        int n = in.read(readBuffer, readLimit, readBuffer.length - readLimit);
        if (n < 0) {
            throw new EOFException("the server closed the connection");
        }
        readLimit += n;
    }

    private BeanstalkdException failure(String doing, IOException e) {
        broken = true;
        closeQuietly(socket);
        return new BeanstalkdException("lost the connection " + doing + " " + endpoint.describe() + " (queue '"
                + endpoint.queueName() + "'): " + e, endpoint.queueName(), null, e);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
