import Soundbite

/// Entry point of the `soundbite` tool.
public enum SoundbiteCommand {
    /// Runs with the process arguments and exits.
    public static func main() {
        print("soundbite")
    }
}
