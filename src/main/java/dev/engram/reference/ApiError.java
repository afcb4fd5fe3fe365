package dev.engram.reference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the API answers with: an HTTP status and a JSON body {@code {"error", "detail", "field"?}}.
 * Messages are written for the caller and never carry secrets or stack traces.
 */
public class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiError(int status, String code, String detail, String field) {
        super(detail);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiError invalid(String field, String detail) {
        return new ApiError(422, "validation_error", detail, field);
    }

    public ApiError withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("detail", getMessage());
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }
}
