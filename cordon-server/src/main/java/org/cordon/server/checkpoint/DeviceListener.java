package org.cordon.server.checkpoint;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.cordon.server.security.ApiToken;
import org.cordon.server.security.ApiTokens;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Permission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The venue devices' own HTTP listener ({@code cordon.checkpoint.device-port}, default 8081, on the
 * server's address): {@code POST /api/checkpoint/check} with a device's bearer token, answered exactly
 * as on the main port ({@link CheckResponder}) but without the servlet stack. On the main port a check
 * spent most of its CPU in Tomcat, the security filter chain and the dispatcher, and held a thread while
 * its group commit ran; here a few event-loop threads parse the request, check it in memory and hand the
 * entry to the journal, and the journal's commit completes the answer (BENCHMARKS.md, venue checkpoint).
 *
 * <p>Nothing on an event loop waits for the database: a device token or a venue kind not yet cached,
 * and the audit row of a refusal, are done on a small bounded pool, and a full pool is a 503 with
 * Retry-After like a full admission. Authentication and access are the main port's: the token must be
 * valid and its role allowed {@link Permission#CHECK_ENTRIES}; a device only for its own venue.
 */
@Component
public class DeviceListener implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceListener.class);
  private static final String BEARER = "Bearer ";
  /** Per connection: the future of the last answer handed to it, so answers leave in request order. */
  private static final AttributeKey<CompletableFuture<Void>> LAST_SENT = AttributeKey.valueOf("cordon.lastSent");
  /**
   * The answers' headers are this class's own names and values (a media type, numbers, "Bearer",
   * keep-alive), nothing taken from a request, so they are not validated character by character for
   * every answer; an answer has no trailers (it has a Content-Length), so none are allocated.
   */
  private static final HttpHeadersFactory ANSWER_HEADERS = DefaultHttpHeadersFactory.headersFactory()
      .withValidation(false);

  private final CheckResponder responder;
  private final Checkpoint checkpoint;
  private final ApiTokens tokens;
  private final CheckpointProperties properties;
  private final String address;
  private final CheckReply busy;
  private EventLoopGroup acceptor;
  private EventLoopGroup loops;
  private ThreadPoolExecutor blocking;
  private Channel server;
  private volatile int port = -1;

  DeviceListener(CheckResponder responder, Checkpoint checkpoint, ApiTokens tokens,
      CheckpointProperties properties, @Value("${server.address:127.0.0.1}") String address) {
    this.responder = responder;
    this.checkpoint = checkpoint;
    this.tokens = tokens;
    this.properties = properties;
    this.address = address;
    this.busy = responder.saturated();
  }

  /** The bound port, or -1 when the listener is off ({@code device-port} negative) or stopped. */
  public int port() {
    return port;
  }

  @Override
  public synchronized void start() {
    if (properties.devicePort() < 0 || server != null) {
      return;
    }
    acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    loops = new MultiThreadIoEventLoopGroup(properties.deviceThreads(), NioIoHandler.newFactory());
    blocking = new ThreadPoolExecutor(2, 8, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
        r -> {
          Thread t = new Thread(r, "checkpoint-device-io");
          t.setDaemon(true);
          return t;
        });
    blocking.allowCoreThreadTimeOut(true);
    Checks checks = new Checks();
    try {
      server = new ServerBootstrap().group(acceptor, loops).channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192), new HttpServerKeepAliveHandler(),
                  new HttpObjectAggregator(CheckJson.MAX_BODY_BYTES), checks);
            }
          })
          .bind(new InetSocketAddress(address, properties.devicePort())).syncUninterruptibly().channel();
    } catch (Exception e) {
      // (Netty rethrows the bind's IOException unchecked: a taken port must still stop the loops, whose
      // threads would keep the JVM alive after the failed start)
      stopGroups();
      throw new IllegalStateException("the venue devices' listener could not bind " + address + ":"
          + properties.devicePort() + " (" + e.getMessage() + "); free the port or set "
          + "cordon.checkpoint.device-port (-1 turns the listener off)", e);
    }
    port = ((InetSocketAddress) server.localAddress()).getPort();
    LOG.info("venue devices' checkpoint listener on http://{}:{}{}", address, port, CheckResponder.PATH);
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.close().syncUninterruptibly();
      server = null;
      port = -1;
    }
    stopGroups();
  }

  private void stopGroups() {
    if (acceptor != null) {
      acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
      // in-flight checks complete from the journal, which stops after this listener (it is a bean
      // this one depends on), so their answers still go out during the quiet period
      loops.shutdownGracefully(100, 5_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
      blocking.shutdown();
      acceptor = null;
      loops = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /**
   * One handler for every connection. Answers complete in any order (a refusal before an earlier
   * check's commit), so each connection keeps the future of its last answer sent and every answer goes
   * out after the one before it, written on the connection's event loop: HTTP/1.1 pipelining gets its
   * answers in the order of its requests.
   */
  @ChannelHandler.Sharable
  private final class Checks extends SimpleChannelInboundHandler<FullHttpRequest> {

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      CompletableFuture<CheckReply> reply = reply(ctx, request);
      // the attribute is only touched on this channel's event loop
      Attribute<CompletableFuture<Void>> last = ctx.channel().attr(LAST_SENT);
      CompletableFuture<Void> previous = last.get();
      // every write happens on the event loop: a write from a journal thread is only queued to it,
      // and an answer written inline behind a "done" one would overtake it on the wire
      Executor loop = ctx.executor();
      if (previous == null || previous.isDone()) {
        if (reply.isDone()) {
          send(ctx, reply.join(), keepAlive);
          last.set(null);
        } else {
          last.set(reply.thenAcceptAsync(r -> send(ctx, r, keepAlive), loop));
        }
      } else {
        last.set(previous.thenAcceptBothAsync(reply, (done, r) -> send(ctx, r, keepAlive), loop));
      }
    }

    /** The request's answer; the future never fails. */
    private CompletableFuture<CheckReply> reply(ChannelHandlerContext ctx, FullHttpRequest request) {
      String path = request.uri();
      int query = path.indexOf('?');
      if (!CheckResponder.PATH.equals(query < 0 ? path : path.substring(0, query))) {
        return CompletableFuture.completedFuture(CheckResponder.problem(HttpStatus.NOT_FOUND,
            "this listener answers only POST " + CheckResponder.PATH, "not_found"));
      }
      if (!HttpMethod.POST.equals(request.method())) {
        return CompletableFuture.completedFuture(CheckResponder.problem(HttpStatus.METHOD_NOT_ALLOWED,
            "a check is a POST", "method_not_allowed"));
      }
      String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
      if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
          || authorization.length() - BEARER.length() > 200 || authorization.substring(BEARER.length()).isBlank()) {
        return CompletableFuture.completedFuture(unauthorized("a venue device's bearer token is required"));
      }
      String secret = authorization.substring(BEARER.length()).strip();
      byte[] body = ByteBufUtil.getBytes(request.content());
      String clientIp = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
      ApiToken cached = tokens.validIfCached(secret);
      if (cached != null && checkpoint.venueKindLoaded(cached.caller().venueId())) {
        return check(cached.caller(), body, clientIp);
      }
      CompletableFuture<CheckReply> reply = new CompletableFuture<>();
      try {
        blocking.execute(() -> {
          var token = tokens.findValid(secret);
          if (token.isEmpty()) {
            reply.complete(unauthorized("API token is unknown or revoked"));
          } else {
            check(token.get().caller(), body, clientIp).thenAccept(reply::complete);
          }
        });
      } catch (RejectedExecutionException e) {
        reply.complete(busy);
      }
      return reply;
    }

    private CompletableFuture<CheckReply> check(Caller caller, byte[] body, String clientIp) {
      if (!caller.may(Permission.CHECK_ENTRIES)) {
        return CompletableFuture.completedFuture(CheckResponder.problem(HttpStatus.FORBIDDEN, "role "
            + caller.role() + " may not check entries at a venue", "forbidden"));
      }
      return responder.answer(caller, body).thenCompose(r -> {
        if (r.refusal() == null) {
          return CompletableFuture.completedFuture(r);
        }
        CompletableFuture<CheckReply> audited = new CompletableFuture<>();
        try {
          blocking.execute(() -> {
            try {
              responder.audit(caller, r, clientIp);
              audited.complete(r);
            } catch (RuntimeException e) {
              LOG.warn("the audit row of a refused check could not be written: {}", e.toString());
              audited.complete(busy);
            }
          });
        } catch (RejectedExecutionException e) {
          audited.complete(busy);
        }
        return audited;
      });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("device connection closed: {}", cause.toString());
      ctx.close();
    }
  }

  private CheckReply unauthorized(String detail) {
    return CheckResponder.problem(HttpStatus.UNAUTHORIZED, detail, "unauthorized");
  }

  private static void send(ChannelHandlerContext ctx, CheckReply reply, boolean keepAlive) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()),
        ANSWER_HEADERS.newHeaders(), EmptyHttpHeaders.INSTANCE);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    if (reply.retryAfterSeconds() != null) {
      response.headers().setInt(HttpHeaderNames.RETRY_AFTER, reply.retryAfterSeconds());
    }
    if (reply.status() == 401) {
      response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
    }
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
