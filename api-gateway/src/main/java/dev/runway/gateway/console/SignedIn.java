package dev.runway.gateway.console;

import jakarta.enterprise.context.RequestScoped;

/** The session of the current console request, left here by {@link SessionFilter} (null on public pages). */
@RequestScoped
public class SignedIn {

    private Sessions.Session session;
    private String sourceIp;

    void set(Sessions.Session session, String sourceIp) {
        this.session = session;
        this.sourceIp = sourceIp;
    }

    public Sessions.Session session() {
        if (session == null) {
            throw new IllegalStateException("no console session on this request");
        }
        return session;
    }

    public String accessKeyId() {
        return session().accessKeyId();
    }

    public String csrfToken() {
        return session().csrfToken();
    }

    public String sourceIp() {
        return sourceIp;
    }
}
