"""Invoices and advice letters as PDF documents (issue 20): an adapter over the pricing core.

`invoice` (a Rating's invoices), `letter` (recommend_many's and schedule_many's rows), `seller`
(the seller file), `pdf` (the drawing, on ReportLab), `common` (what they share). The jobs that
write a whole set of them into a folder are in optimizer.jobs.documents.
"""
