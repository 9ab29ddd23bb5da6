help lnt
