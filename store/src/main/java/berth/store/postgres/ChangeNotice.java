package berth.store.postgres;

/**
 * What a commit tells watchers over NOTIFY about one changed record: its address, new version and
 * whether it was deleted, never its value (a payload is limited to 8000 bytes; watchers re-read).
 * Payload: {@code version P|D kindLength kind+key}, e.g. {@code 42 P 11 ecs.clusterdefault}.
 */
record ChangeNotice(String kind, String key, long version, boolean deleted) {

    String payload() {
        return version + (deleted ? " D " : " P ") + kind.length() + " " + kind + key;
    }

    static ChangeNotice parse(String payload) {
        try {
            int afterVersion = payload.indexOf(' ');
            int afterFlag = afterVersion + 2;
            int afterLength = payload.indexOf(' ', afterFlag + 1);
            long version = Long.parseLong(payload.substring(0, afterVersion));
            char flag = payload.charAt(afterVersion + 1);
            if (payload.charAt(afterFlag) != ' ' || (flag != 'P' && flag != 'D')) {
                throw new IllegalArgumentException("bad change flag");
            }
            int kindLength = Integer.parseInt(payload.substring(afterFlag + 1, afterLength));
            String address = payload.substring(afterLength + 1);
            return new ChangeNotice(address.substring(0, kindLength), address.substring(kindLength), version, flag == 'D');
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed change notice: " + payload, e);
        }
    }
}
