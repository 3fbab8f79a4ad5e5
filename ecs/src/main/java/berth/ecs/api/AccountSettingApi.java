package berth.ecs.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.ecs.core.AccountSettings;
import berth.ecs.core.AccountSettings.Setting;
import berth.ecs.state.AccountSettingRecords;
import berth.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.DeleteAccountSettingRequest;
import software.amazon.awssdk.services.ecs.model.DeleteAccountSettingResponse;
import software.amazon.awssdk.services.ecs.model.ListAccountSettingsRequest;
import software.amazon.awssdk.services.ecs.model.ListAccountSettingsResponse;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingDefaultRequest;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingDefaultResponse;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingRequest;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingResponse;

/**
 * PutAccountSetting, PutAccountSettingDefault, DeleteAccountSetting, ListAccountSettings. A setting
 * belongs to a principal (a user or role ARN; the root user's setting is the account's default) in
 * one region. {@code containerInsights} decides the setting of clusters created without one.
 */
final class AccountSettingApi {
    private final AccountSettingRecords settings;

    AccountSettingApi(Store store) {
        this.settings = new AccountSettingRecords(store);
    }

    PutAccountSettingResponse put(PutAccountSettingRequest request, RequestContext ctx) {
        Setting stored = store(ctx, request.nameAsString(), request.value(), principal(ctx, request.principalArn()));
        return PutAccountSettingResponse.builder().setting(toSdk(ctx, stored)).build();
    }

    PutAccountSettingDefaultResponse putDefault(PutAccountSettingDefaultRequest request, RequestContext ctx) {
        Setting stored = store(ctx, request.nameAsString(), request.value(), "");
        return PutAccountSettingDefaultResponse.builder().setting(toSdk(ctx, stored)).build();
    }

    DeleteAccountSettingResponse delete(DeleteAccountSettingRequest request, RequestContext ctx) {
        String name = request.nameAsString();
        Scope scope = ctx.scope();
        String principal = principal(ctx, request.principalArn());
        Optional<Setting> existing = settings.find(scope, principal, name);
        if (existing.isEmpty() || !settings.delete(scope, principal, name)) {
            throw EcsErrors.INVALID_PARAMETER.exception("The specified account setting " + name + " is not set for "
                    + principalArn(ctx, principal) + ".");
        }
        return DeleteAccountSettingResponse.builder().setting(toSdk(ctx, existing.get())).build();
    }

    ListAccountSettingsResponse list(ListAccountSettingsRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        String principal = principal(ctx, request.principalArn());
        List<Setting> shown = new ArrayList<>();
        if (Boolean.TRUE.equals(request.effectiveSettings())) {
            for (String name : AccountSettings.names()) {
                shown.add(Setting.of(scope, name, effective(scope, principal, name), principal));
            }
        } else {
            shown.addAll(settings.of(scope, principal));
        }
        List<Setting> matching = shown.stream()
                .filter(s -> request.name() == null || s.name().equals(request.nameAsString()))
                .filter(s -> request.value() == null || s.value().equals(request.value()))
                .toList();
        Page<Setting> page = Page.of(matching, request.nextToken(), request.maxResults(), 10, 10, Setting::name);
        return ListAccountSettingsResponse.builder().settings(page.items().stream().map(s -> toSdk(ctx, s)).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    /** The value of {@code name} in effect for clusters and tasks the caller creates. */
    String effective(RequestContext ctx, String name) {
        return effective(ctx.scope(), principal(ctx, null), name);
    }

    private String effective(Scope scope, String principal, String name) {
        return AccountSettings.effective(name, settings.find(scope, principal, name), settings.find(scope, "", name));
    }

    private Setting store(RequestContext ctx, String name, String value, String principal) {
        AccountSettings.refusal(name, value).ifPresent(message -> {
            throw EcsErrors.INVALID_PARAMETER.exception(message);
        });
        Setting setting = Setting.of(ctx.scope(), name, value, principal);
        settings.put(setting);
        return setting;
    }

    /** The principal a request names (the caller when absent); the root user stands for the account default. */
    private static String principal(RequestContext ctx, String principalArn) {
        String arn = principalArn == null || principalArn.isEmpty() ? callerArn(ctx) : principalArn;
        if (arn.equals("arn:aws:iam::" + ctx.accountId() + ":root")) {
            return "";
        }
        if (!arn.startsWith("arn:aws:iam::" + ctx.accountId() + ":")) {
            throw EcsErrors.INVALID_PARAMETER.exception("The principalArn " + arn + " is not a user, role or root user"
                    + " of this account.");
        }
        return arn;
    }

    /** The caller as ECS names it: a role session by its role's ARN. */
    private static String callerArn(RequestContext ctx) {
        String arn = ctx.caller().identity().arn();
        if (arn.startsWith("arn:aws:sts::") && arn.contains(":assumed-role/")) {
            String[] parts = arn.substring(arn.indexOf(":assumed-role/") + ":assumed-role/".length()).split("/");
            return "arn:aws:iam::" + ctx.accountId() + ":role/" + parts[0];
        }
        return arn;
    }

    private static String principalArn(RequestContext ctx, String principal) {
        return principal.isEmpty() ? "arn:aws:iam::" + ctx.accountId() + ":root" : principal;
    }

    private static software.amazon.awssdk.services.ecs.model.Setting toSdk(RequestContext ctx, Setting s) {
        return software.amazon.awssdk.services.ecs.model.Setting.builder().name(s.name()).value(s.value())
                .principalArn(principalArn(ctx, s.principalArn())).type("user").build();
    }
}
