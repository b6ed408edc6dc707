"""Official documents in the Decree 30/2020/NĐ-CP layout, rendered to .docx and PDF."""
