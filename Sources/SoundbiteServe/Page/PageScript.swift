enum PageScript { static let text = "" }
