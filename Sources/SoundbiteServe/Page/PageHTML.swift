enum PageHTML { static let text = "<!doctype html><title>Soundbite</title>" }
