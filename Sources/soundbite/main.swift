import SoundbiteCLI
SoundbiteCommand.main()
