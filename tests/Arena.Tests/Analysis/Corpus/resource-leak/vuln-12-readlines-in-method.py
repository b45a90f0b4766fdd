    def load_stopwords(self):
        lines = open(self.stopwords_path, encoding="utf-8").readlines()
        self.stopwords = {l.strip() for l in lines if l.strip()}
        return self.stopwords
