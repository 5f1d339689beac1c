package dev.runway.gateway.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/** The console's templates (src/main/resources/templates/console), checked against these parameters at build time. */
@CheckedTemplate(basePath = "console")
final class Pages {

    static native TemplateInstance signIn(String error, String accessKeyId, String next);

    static native TemplateInstance services(Views.Chrome chrome, List<Views.ServiceRow> services, String error);

    static native TemplateInstance newService(Views.Chrome chrome, ServiceForms.CreateForm form, Views.Errors errors,
            List<String> cpus, List<String> memories, List<String> protocols);

    static native TemplateInstance createForm(ServiceForms.CreateForm form, Views.Errors errors, List<String> cpus,
            List<String> memories, List<String> protocols);

    static native TemplateInstance newCodeService(Views.Chrome chrome, ServiceForms.CodeForm form, Views.Errors errors,
            List<Views.Choice> connections, List<String> runtimes, List<String> sources);

    static native TemplateInstance codeForm(ServiceForms.CodeForm form, Views.Errors errors,
            List<Views.Choice> connections, List<String> runtimes, List<String> sources);

    static native TemplateInstance connections(Views.Chrome chrome, List<List<String>> rows, String error);

    static native TemplateInstance handshakeDone(String connection, String webhookPath, String webhookSecret);

    static native TemplateInstance service(Views.Chrome chrome, Views.ServiceView service,
            List<Views.OperationRow> operations, List<Views.LogLine> events, Views.Errors errors, String error,
            List<Views.Choice> scalingChoices, List<String> cpus, List<String> memories, List<String> protocols);

    static native TemplateInstance configForm(Views.ServiceView service, Views.Sizing sizing,
            List<Views.Choice> scalingChoices, List<String> cpus, List<String> memories, List<String> protocols,
            Views.Errors errors, String done);

    static native TemplateInstance domains(Views.ServiceView service, String dnsTarget, List<Views.DomainView> domains,
            String domain, Views.Errors errors, String done);

    static native TemplateInstance operations(Views.ServiceView service, List<Views.OperationRow> operations);

    static native TemplateInstance logs(List<Views.LogLine> lines, String error, String group, String filter);

    static native TemplateInstance metrics(List<Charts.Chart> charts, String range);

    static native TemplateInstance notice(String kind, String message);

    static native TemplateInstance envForm(Views.ServiceView service, String env, Views.Errors errors, String done);

    static native TemplateInstance deleteForm(Views.ServiceView service, Views.Errors errors);

    static native TemplateInstance keys(Views.Chrome chrome, List<Views.KeyRow> keys, String error);

    static native TemplateInstance keyCreated(String accessKeyId, String secretAccessKey, String userName);

    static native TemplateInstance table(Views.Chrome chrome, String title, String intro, List<String> columns,
            List<List<String>> rows, String error);

    static native TemplateInstance rules(Views.Chrome chrome, List<List<String>> rows, String error, String pattern,
            String event, Views.Errors errors, String result);

    static native TemplateInstance patternTester(String pattern, String event, Views.Errors errors, String result);

    static native TemplateInstance status(String status);

    static native TemplateInstance eventItem(Views.LogLine line);

    private Pages() {
    }
}
