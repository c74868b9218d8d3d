package io.libsql.client.internal.codec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.codec.CodecSupport;
import io.libsql.client.internal.codec.TextFrameCodec;
import io.libsql.client.internal.proto.ClientMsg;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.ServerMsg;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;

/**
 * The JSON encoding of Hrana (hrana1, hrana2, hrana3 text frames; {@code /v2} and {@code /v3} HTTP
 * bodies), written with jackson-core's streaming API. Stateless and thread-safe: use
 * {@link #INSTANCE}. Not API.
 *
 * <p>Values: integers travel as decimal strings (numbers are accepted too when decoding), blobs as
 * standard base64 (sent padded; decoded with or without padding, sqld sends none). Unknown fields
 * are skipped and fields may come in any order. Cursor entries of an unknown type are skipped.
 *
 * <p>Non-finite doubles, which JSON cannot carry:
 * <ul>
 *   <li>an argument NaN is sent as {@code {"type":"null"}}, which is what sqld stores for NaN over
 *       Protobuf, so both encodings store the same thing;
 *   <li>an argument +/-Infinity fails with {@code ARGUMENT_INVALID} before anything is sent (sqld's
 *       JSON parser rejects out-of-range numbers such as {@code 1e999}); use Protobuf to send it;
 *   <li>a stored +/-Infinity arrives from sqld as {@code {"type":"float","value":null}}: the sign is
 *       lost on the server, so it decodes as SQL NULL ({@code null}) rather than failing the whole
 *       result (as the TypeScript client does) or guessing a sign. Protobuf returns it exactly.
 * </ul>
 * -0.0 keeps its sign both ways.
 */
public final class JsonCodec implements TextFrameCodec {
  /** The one instance. */
  public static final JsonCodec INSTANCE = new JsonCodec();

  /** Shared by every parser and generator; thread-safe once built. */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .streamReadConstraints(StreamReadConstraints.builder()
          // Large text and blob values are legal; size limits belong to the transport.
          .maxStringLength(Integer.MAX_VALUE)
          .build())
      .build();

  private JsonCodec() {}

  @Override
  public Encoding encoding() {
    return Encoding.JSON;
  }

  @Override
  public String encodeClientMsgText(ClientMsg msg) {
    StringWriter w = new StringWriter(128);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      JsonEncoder.clientMsg(g, msg);
    } catch (IOException e) {
      throw encodeFailure(e);
    }
    return w.toString();
  }

  @Override
  public ServerMsg decodeServerMsgText(CharSequence text) {
    try (JsonParser p = FACTORY.createParser(text.toString())) {
      ServerMsg msg = JsonDecoder.serverMsg(p, p.nextToken());
      expectEnd(p);
      return msg;
    } catch (IOException | RuntimeException e) {
      throw JsonDecoder.wrap(e);
    }
  }

  @Override
  public byte[] encodePipelineRequest(Pipeline.Request request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      JsonEncoder.pipelineRequest(g, request);
    } catch (IOException e) {
      throw encodeFailure(e);
    }
    return out.toByteArray();
  }

  @Override
  public Pipeline.Response decodePipelineResponse(byte[] body) {
    try (JsonParser p = FACTORY.createParser(body)) {
      Pipeline.Response response = JsonDecoder.pipelineResponse(p, p.nextToken());
      expectEnd(p);
      return response;
    } catch (IOException | RuntimeException e) {
      throw JsonDecoder.wrap(e);
    }
  }

  @Override
  public byte[] encodeCursorRequest(Pipeline.CursorRequest request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      JsonEncoder.cursorRequest(g, request);
    } catch (IOException e) {
      throw encodeFailure(e);
    }
    return out.toByteArray();
  }

  /**
   * Reads a {@code /v3/cursor} body: a JSON object per line, the head first. The reader owns
   * {@code body} and closes it.
   */
  @Override
  public CursorReader cursorReader(InputStream body) {
    return new JsonCursorReader(body);
  }

  private static void expectEnd(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t != null) {
      throw CodecSupport.protoError("end of the message", JsonDecoder.describe(t));
    }
  }

  private static LibsqlException encodeFailure(IOException e) {
    return new LibsqlException(ErrorCode.INTERNAL_ERROR, "could not encode a Hrana JSON message: " + e, e);
  }

  /** Reads root-level JSON values from the body as they arrive; not thread-safe. */
  private static final class JsonCursorReader implements CursorReader {
    private final InputStream body;
    private JsonParser parser; // created by head(): creating it reads the body
    private Pipeline.CursorHead head;
    private final int[] colsHint = {-1};

    JsonCursorReader(InputStream body) {
      this.body = body;
    }

    @Override
    public Pipeline.CursorHead head() throws IOException {
      if (head == null) {
        try {
          if (parser == null) {
            parser = FACTORY.createParser(body);
          }
          JsonToken t = parser.nextToken();
          if (t == null) {
            throw CodecSupport.protoError("a cursor response head", "an empty body");
          }
          head = JsonDecoder.cursorHead(parser, t);
        } catch (JsonProcessingException | RuntimeException e) {
          throw JsonDecoder.wrap(e);
        }
      }
      return head;
    }

    @Override
    public CursorEntry next() throws IOException {
      head();
      try {
        while (true) {
          JsonToken t = parser.nextToken();
          if (t == null) {
            return null;
          }
          CursorEntry entry = JsonDecoder.cursorEntry(parser, t, colsHint);
          if (entry != null) {
            return entry;
          }
        }
      } catch (JsonProcessingException | RuntimeException e) {
        throw JsonDecoder.wrap(e);
      }
    }

    @Override
    public void close() throws IOException {
      if (parser != null) {
        parser.close();
      }
      body.close();
    }
  }
}
