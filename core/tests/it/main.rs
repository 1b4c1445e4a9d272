mod text_corpus;
