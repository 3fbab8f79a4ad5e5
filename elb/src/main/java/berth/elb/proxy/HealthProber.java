package berth.elb.proxy;

import berth.elb.core.HealthCheck;
import berth.elb.core.HttpCodeMatcher;
import berth.elb.core.ProbeOutcome;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One health check of one target: a TCP connect, or an HTTP GET of the check's path whose status
 * the matcher must accept, each within the check's timeout. Every connection is closed afterwards,
 * as ALB closes its health check connections.
 */
final class HealthProber {
    private static final String USER_AGENT = "ELB-HealthChecker/2.0";

    private final Transport transport;

    HealthProber(Transport transport) {
        this.transport = transport;
    }

    void probe(HealthCheck check, HttpCodeMatcher matcher, InetSocketAddress target, Consumer<ProbeOutcome> done) {
        int timeoutMillis = check.timeoutSeconds() * 1000;
        Outcome outcome = new Outcome(done);
        Bootstrap bootstrap = new Bootstrap().group(transport.group.next()).channel(transport.channel)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true);
        if (!check.isHttp()) {
            bootstrap.handler(new ChannelInboundHandlerAdapter());
            ChannelFuture connect = bootstrap.connect(target);
            connect.addListener(f -> {
                outcome.report(f.isSuccess() ? ProbeOutcome.PASSED : new ProbeOutcome.ConnectionFailed(String.valueOf(f.cause())));
                connect.channel().close();
            });
            return;
        }
        bootstrap.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec());
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof HttpResponse response) {
                            if (response.decoderResult().isFailure()) {
                                outcome.report(new ProbeOutcome.ConnectionFailed("malformed response"));
                            } else {
                                int code = response.status().code();
                                outcome.report(matcher.matches(code) ? ProbeOutcome.PASSED : new ProbeOutcome.CodeMismatch(code));
                            }
                            ctx.close();
                        }
                        ReferenceCountUtil.release(msg);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        outcome.report(new ProbeOutcome.ConnectionFailed("connection closed before a response"));
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        outcome.report(new ProbeOutcome.ConnectionFailed(cause.toString()));
                        ctx.close();
                    }
                });
            }
        });
        ChannelFuture connect = bootstrap.connect(target);
        connect.addListener(f -> {
            Channel ch = connect.channel();
            if (!f.isSuccess()) {
                outcome.report(f.cause() instanceof ConnectTimeoutException ? new ProbeOutcome.TimedOut()
                        : new ProbeOutcome.ConnectionFailed(String.valueOf(f.cause())));
                return;
            }
            ch.eventLoop().schedule(() -> {
                outcome.report(new ProbeOutcome.TimedOut());
                ch.close();
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, check.path());
            request.headers().set(HttpHeaderNames.HOST, target.getAddress().getHostAddress() + ":" + target.getPort())
                    .set(HttpHeaderNames.USER_AGENT, USER_AGENT)
                    .set(HttpHeaderNames.ACCEPT, "*/*")
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ch.writeAndFlush(request);
        });
    }

    /** Reports the first outcome of a check only. */
    private static final class Outcome {
        private final Consumer<ProbeOutcome> done;
        private boolean reported;

        Outcome(Consumer<ProbeOutcome> done) {
            this.done = done;
        }

        synchronized void report(ProbeOutcome outcome) {
            if (reported) return;
            reported = true;
            done.accept(outcome);
        }
    }
}
