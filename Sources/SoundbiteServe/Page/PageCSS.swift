enum PageCSS { static let text = "body{}" }
