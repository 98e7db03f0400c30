package io.latchkey.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures, inside the server, what the caller's HTTP session would cost to replicate or persist:
 * every attribute serialized with {@link ObjectOutputStream} on its own, and all of them together
 * in one stream (the total, where shared class descriptors are written once). An attribute that
 * does not serialize is named with its class and the error.
 *
 * <p>Only in the WAR the benchmark builds ({@link BenchWar}); and in the tests' WAR with a movable
 * clock; never in the one users deploy. It answers {@code GET /bench/session-size} with JSON:
 * {@code {"session": true, "id": …, "total": bytes or -1, "serializable": …, "attributes":
 * [{"name", "class", "bytes" | "error"}]}}.
 */
@WebServlet("/bench/session-size")
public class SessionSizeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    HttpSession session = request.getSession(false);
    JsonObjectBuilder answer = Json.createObjectBuilder().add("session", session != null);
    if (session != null) {
      Map<String, Object> all = new LinkedHashMap<>();
      JsonArrayBuilder attributes = Json.createArrayBuilder();
      boolean serializable = true;
      for (String name : Collections.list(session.getAttributeNames())) {
        Object value = session.getAttribute(name);
        all.put(name, value);
        JsonObjectBuilder attribute =
            Json.createObjectBuilder()
                .add("name", name)
                .add("class", value == null ? "null" : value.getClass().getName());
        try {
          attribute.add("bytes", serializedSize(value));
        } catch (IOException e) {
          serializable = false;
          attribute.add("error", e.toString());
        }
        attributes.add(attribute);
      }
      long total;
      try {
        total = serializedSize(all);
      } catch (IOException e) {
        total = -1;
      }
      answer
          .add("id", session.getId())
          .add("total", total)
          .add("serializable", serializable)
          .add("attributes", attributes);
    }
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(answer.build().toString());
  }

  private static int serializedSize(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.size();
  }
}
