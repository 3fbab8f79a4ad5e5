package berth.agentwire;

/**
 * A volume of a task. With a {@code hostSourcePath} it binds that path of the host; without one it
 * is a Docker volume made as {@code docker} says ({@link DockerVolumeSettings#NONE}: a scratch volume
 * of the task).
 */
public record TaskVolume(String name, String hostSourcePath, DockerVolumeSettings docker) {
    public TaskVolume {
        name = WireValues.text(name);
        hostSourcePath = WireValues.text(hostSourcePath);
        docker = docker == null ? DockerVolumeSettings.NONE : docker;
    }

    public static TaskVolume hostPath(String name, String hostSourcePath) {
        return new TaskVolume(name, hostSourcePath, DockerVolumeSettings.NONE);
    }

    public static TaskVolume docker(String name, DockerVolumeSettings settings) {
        return new TaskVolume(name, "", settings);
    }
}
